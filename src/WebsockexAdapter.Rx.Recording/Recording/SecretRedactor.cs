using System.Buffers;
using System.Text.Json;

namespace WebsockexAdapter.Rx.Recording;

/// <summary>
/// Writes the values of secret-bearing JSON properties as <see cref="Marker"/>, so a recording can be shared. Secrets
/// travel in what the client sends (auth's <c>client_secret</c> or <c>signature</c>) and in the exchange's replies
/// (auth's tokens), never in its JSON-RPC notifications (pushed data: market data and the account's channels), so a
/// notification is neither searched nor rewritten. The recorder asks <see cref="NeedsRedaction"/> of every other text
/// frame as it arrives (a few a second: requests and replies) and rewrites a block (<see cref="RedactBlock"/>) only
/// when one of its frames said yes: a block of market data is written as it is, without a search.
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

    /// <summary>Whether a frame recorded as <paramref name="recorded"/> may carry a secret and names one, so its block must be rewritten.</summary>
    public static bool NeedsRedaction(RecordedEventKind recorded, FrameKind kind, ReadOnlySpan<byte> payload) =>
        kind == FrameKind.Text && MayCarrySecret(recorded, payload) && MentionsSecret(payload);

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
    /// The block's records with the secrets of every text frame that may carry one redacted: the block itself when none
    /// of its bytes mention a secret's name (one search over the block), otherwise the records again, each such frame
    /// redacted.
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
            var mayCarrySecret = recorded.Frame is not { } frame || MayCarrySecret(recorded.Kind, frame.Payload.Span);
            RecordEncoder.Write(rewritten, recorded, mayCarrySecret ? Redact : static kept => kept);
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

    private static bool MayCarrySecret(RecordedEventKind recorded, ReadOnlySpan<byte> payload) =>
        recorded != RecordedEventKind.Received || !JsonRpcShape.IsNotification(payload);

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
