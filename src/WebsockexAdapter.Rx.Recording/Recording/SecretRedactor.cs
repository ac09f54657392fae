using System.Buffers;
using System.Text.Json;

namespace WebsockexAdapter.Rx.Recording;

/// <summary>
/// Writes the values of secret-bearing JSON properties as <see cref="Marker"/>, so a recording can be shared. Only
/// frames that mention one of the names are parsed: market data passes through untouched and uncopied. The recorder
/// asks once per block, when it writes one (<see cref="RedactBlock"/>), not once per frame on the receive loop.
/// </summary>
internal static class SecretRedactor
{
    public const string Marker = "<redacted>";

    private static readonly byte[][] Names =
    [
        "client_secret"u8.ToArray(),
        "signature"u8.ToArray(),
        "access_token"u8.ToArray(),
        "refresh_token"u8.ToArray(),
        "password"u8.ToArray(),
    ];

    private static readonly int LongestName = Names.Max(static n => n.Length);

    public static Frame Redact(Frame frame)
    {
        if (frame.Kind != FrameKind.Text || !MentionsSecret(frame.Payload.Span))
        {
            return frame;
        }

        try
        {
            return Frame.FromUtf8(Rewrite(frame.Payload.Span));
        }
        catch (JsonException)
        {
            // Not JSON: it cannot be redacted field by field, so none of it is kept.
            return Frame.FromText(Marker);
        }
    }

    /// <summary>
    /// The block's records with every text frame's secrets redacted: the block itself when none of its bytes mention a
    /// secret's name (market data: one search over the block), otherwise the records again, each frame redacted.
    /// </summary>
    public static ReadOnlySpan<byte> RedactBlock(ReadOnlySpan<byte> records)
    {
        if (!BlockMentionsSecret(records))
        {
            return records;
        }

        var block = records.ToArray();
        var decoder = new RecordDecoder(block, block.Length, "(the block being written)", 0);
        var rewritten = new ArrayBufferWriter<byte>(block.Length);
        while (decoder.TryRead(out var recorded))
        {
            RecordEncoder.Write(rewritten, recorded, Redact);
        }

        return rewritten.WrittenSpan;
    }

    /// <summary>
    /// <see cref="MentionsSecret"/> over a block of megabytes, a cache-sized piece at a time (each reaching a name's
    /// length into the next, so no mention is cut), so the five searches do not each read the block from memory.
    /// </summary>
    private static bool BlockMentionsSecret(ReadOnlySpan<byte> records)
    {
        const int Piece = 32 * 1024;
        for (var start = 0; start < records.Length; start += Piece)
        {
            if (MentionsSecret(records[start..Math.Min(records.Length, start + Piece + LongestName - 1)]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool MentionsSecret(ReadOnlySpan<byte> utf8)
    {
        foreach (var name in Names)
        {
            if (utf8.IndexOf(name) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static byte[] Rewrite(ReadOnlySpan<byte> utf8)
    {
        var output = new ArrayBufferWriter<byte>(utf8.Length);
        using (var writer = new Utf8JsonWriter(output))
        {
            var reader = new Utf8JsonReader(utf8);
            var redactNext = false;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    writer.WritePropertyName(reader.GetString()!);
                    redactNext = IsSecretName(ref reader);
                    continue;
                }

                if (redactNext && reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
                {
                    writer.WriteStringValue(Marker);
                }
                else
                {
                    CopyToken(ref reader, writer);
                }

                redactNext = false;
            }
        }

        return output.WrittenSpan.ToArray();
    }

    private static void CopyToken(ref Utf8JsonReader reader, Utf8JsonWriter writer)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                writer.WriteStartObject();
                break;
            case JsonTokenType.EndObject:
                writer.WriteEndObject();
                break;
            case JsonTokenType.StartArray:
                writer.WriteStartArray();
                break;
            case JsonTokenType.EndArray:
                writer.WriteEndArray();
                break;
            case JsonTokenType.String:
                writer.WriteStringValue(reader.GetString());
                break;
            case JsonTokenType.Number:
                writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                break;
            case JsonTokenType.True or JsonTokenType.False:
                writer.WriteBooleanValue(reader.GetBoolean());
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    private static bool IsSecretName(ref Utf8JsonReader reader)
    {
        foreach (var name in Names)
        {
            if (reader.ValueTextEquals(name))
            {
                return true;
            }
        }

        return false;
    }
}
