using System.Buffers.Text;
using System.Text.Json;

namespace WebsockexAdapter.Rx.Recording;

/// <summary>
/// The little the replay needs to know about a JSON-RPC text frame: is it a reply (a top-level <c>id</c> and no
/// <c>method</c>) and where its id is, or a request (<c>method</c> and <c>id</c>). Notifications name their method
/// first, so they are told apart after one or two properties, without parsing their data.
/// </summary>
internal static class JsonRpcShape
{
    /// <summary>How a JSON-RPC 2.0 notification usually begins: its second property is <c>method</c>, so it is no reply.</summary>
    private static ReadOnlySpan<byte> NotificationStart => """{"jsonrpc":"2.0","method":"""u8;

    /// <summary>Whether <paramref name="utf8"/> begins as the usual JSON-RPC notification does (<c>jsonrpc</c>, then <c>method</c>): the exchange's pushed data, never a reply.</summary>
    public static bool IsNotification(ReadOnlySpan<byte> utf8) => utf8.StartsWith(NotificationStart);

    /// <summary>Whether <paramref name="utf8"/> is a reply with a numeric id; <paramref name="idStart"/> and <paramref name="idLength"/> locate the id's digits.</summary>
    public static bool TryReadReplyId(ReadOnlySpan<byte> utf8, out long id, out int idStart, out int idLength)
    {
        id = 0;
        idStart = idLength = 0;

        // Every recorded market data frame is asked this on its replay: the usual notification is told by its first bytes.
        if (utf8.IsEmpty || utf8[0] != (byte)'{' || IsNotification(utf8))
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(utf8);
            reader.Read();
            var found = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("method"u8))
                {
                    return false;
                }

                var isId = reader.ValueTextEquals("id"u8);
                reader.Read();
                if (isId && reader.TokenType == JsonTokenType.Number && !reader.HasValueSequence && reader.TryGetInt64(out id))
                {
                    idStart = (int)reader.TokenStartIndex;
                    idLength = reader.ValueSpan.Length;
                    found = true;
                }
                else
                {
                    reader.Skip();
                }
            }

            return found;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The reply with its id replaced by <paramref name="id"/>.</summary>
    public static Frame WithId(ReadOnlySpan<byte> reply, int idStart, int idLength, long id)
    {
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(id, digits, out var count);
        var rewritten = new byte[reply.Length - idLength + count];
        reply[..idStart].CopyTo(rewritten);
        digits[..count].CopyTo(rewritten.AsSpan(idStart));
        reply[(idStart + idLength)..].CopyTo(rewritten.AsSpan(idStart + count));
        return Frame.FromUtf8(rewritten);
    }

    /// <summary>A request's id, method and params (cloned), or <see langword="false"/> when the frame is not a request.</summary>
    public static bool TryReadRequest(Frame frame, out RecordedRequest request)
    {
        request = default;
        if (frame.Kind != FrameKind.Text)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(frame.Payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("method"u8, out var method) || method.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("id"u8, out var idElement) || !idElement.TryGetInt64(out var id))
            {
                return false;
            }

            var parameters = root.TryGetProperty("params"u8, out var p) ? p.Clone() : default;
            request = new RecordedRequest(id, method.GetString()!, parameters, ContainsMarker(parameters));
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool ContainsMarker(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.ValueEquals(SecretRedactor.Marker),
        JsonValueKind.Object => element.EnumerateObject().Any(static p => ContainsMarker(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Any(ContainsMarker),
        _ => false,
    };
}
