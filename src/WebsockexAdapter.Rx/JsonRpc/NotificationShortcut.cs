using System.Text.Json;

namespace WebsockexAdapter.Rx.JsonRpc;

/// <summary>
/// The shortcut for the message an exchange sends all the time: a notification whose <c>params</c> is the last member,
/// <c>{"jsonrpc":"2.0","method":"subscription","params":{...}}</c>. A reader goes through the members before
/// <c>params</c>, and only the <c>params</c> value becomes a document (the element handed out), so the envelope is
/// neither stored in a document nor searched by name afterwards.
/// </summary>
/// <remarks>
/// Every other shape declines (<c>params</c> not last or not an object or array, an id, no string method, malformed
/// JSON anywhere) and takes <see cref="JsonRpcMessage.ReadDocument"/>, which decides and words it exactly as before.
/// What the shortcut accepts is exactly what that path would make a notification of: the reader has checked the
/// members before <c>params</c> with the same rules, the document checks the value, and the value is followed by
/// nothing but the closing brace. Duplicate members resolve as the document's lookups do: the last one wins.
/// </remarks>
internal static class NotificationShortcut
{
    private static readonly JsonReaderOptions EnvelopeOptions = new() { MaxDepth = JsonRpcMessage.MaxDepth };

    // The params value starts one level below the root object: its own document may nest one level less.
    private static readonly JsonDocumentOptions ParamsOptions = new() { MaxDepth = JsonRpcMessage.MaxDepth - 1 };

    public static bool TryRead(ReadOnlyMemory<byte> payload, out JsonRpcMessage message)
    {
        message = default;
        var json = payload.Span;
        var closing = LastNonWhitespace(json);
        if (closing < 0 || json[closing] != (byte)'}')
        {
            return false;
        }

        string? method = null;
        var hasId = false;
        try
        {
            var reader = new Utf8JsonReader(json, EnvelopeOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("params"u8))
                {
                    // Only the last member can be taken this way; the members before it are all known now.
                    return method is not null && !hasId && TryParseLast(payload[(int)reader.BytesConsumed..closing], method, out message);
                }

                var isMethod = reader.ValueTextEquals("method"u8);
                var isId = !isMethod && reader.ValueTextEquals("id"u8);
                reader.Read();
                if (isMethod)
                {
                    method = reader.TokenType == JsonTokenType.String ? JsonRpcMessage.MethodName(ref reader) : null;
                }
                else if (isId)
                {
                    hasId = reader.TokenType != JsonTokenType.Null;
                }

                reader.Skip();
            }

            return false;
        }
        catch (JsonException)
        {
            // Malformed before params: the general path reads it again and words the problem.
            return false;
        }
    }

    /// <summary>The value between <c>"params":</c> and the root's closing brace, if it is exactly one object or array.</summary>
    private static bool TryParseLast(ReadOnlyMemory<byte> value, string method, out JsonRpcMessage message)
    {
        message = default;
        var span = value.Span;
        var first = span.IndexOfAnyExcept(" \t\r\n"u8);
        var last = LastNonWhitespace(span);
        // The cheap test first, so that the usual misfit (members after params) costs no exception.
        if (first < 0 || !(span[first] == (byte)'{' && span[last] == (byte)'}' || span[first] == (byte)'[' && span[last] == (byte)']'))
        {
            return false;
        }

        JsonElement parameters;
        try
        {
            // Never disposed, as in JsonRpcMessage.ReadDocument: the consumer keeps the element as long as it likes.
#pragma warning disable CA2000 // See above: the document's lifetime is the consumer's.
            parameters = JsonDocument.Parse(value, ParamsOptions).RootElement;
#pragma warning restore CA2000
        }
        catch (JsonException)
        {
            // Not one value (members follow it, or it is malformed): the general path decides.
            return false;
        }

        message = new JsonRpcMessage(JsonRpcMessageKind.Notification, 0, method, parameters, null);
        return true;
    }

    private static int LastNonWhitespace(ReadOnlySpan<byte> json) => json.LastIndexOfAnyExcept(" \t\r\n"u8);
}
