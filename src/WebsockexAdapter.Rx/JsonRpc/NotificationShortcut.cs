using System.Text.Json;

namespace WebsockexAdapter.Rx.JsonRpc;

/// <summary>
/// Shortcuts for the message an exchange sends all the time, a notification whose <c>params</c> is the last member:
/// <c>{"jsonrpc":"2.0","method":"subscription","params":{"channel":"...","data":{...}}}</c>. A reader goes through
/// the envelope (checking it as a document would, and classifying it as it goes), and only the value handed out
/// becomes a document: <c>params</c> (<see cref="TryRead"/>), or for a channel message only its <c>data</c>
/// (<see cref="TryReadChannel"/>). The envelope is neither stored in a document nor searched by name afterwards.
/// </summary>
/// <remarks>
/// Every other shape declines (members after the value, an id, no string method, an escaped channel name, malformed
/// JSON anywhere) and takes <see cref="JsonRpcMessage.ReadDocument"/>, which decides and words it exactly as before.
/// What a shortcut accepts is exactly what that path would decide the same way: the reader has checked everything
/// before the value with the same rules, the value's document checks the value (one level of nesting less per level
/// it sits below the root, so the limit stays <see cref="JsonRpcMessage.MaxDepth"/> for the frame), and the value is
/// followed by nothing but closing braces. Duplicate members resolve as a document's lookups do: the last one wins.
/// </remarks>
internal static class NotificationShortcut
{
    private static readonly JsonReaderOptions EnvelopeOptions = new() { MaxDepth = JsonRpcMessage.MaxDepth };
    private static readonly JsonDocumentOptions ParamsOptions = new() { MaxDepth = JsonRpcMessage.MaxDepth - 1 };
    private static readonly JsonDocumentOptions DataOptions = new() { MaxDepth = JsonRpcMessage.MaxDepth - 2 };

    /// <summary>A notification whose <c>params</c> (an object or an array) is the root's last member.</summary>
    public static bool TryRead(ReadOnlyMemory<byte> payload, out JsonRpcMessage message)
    {
        message = default;
        var json = payload.Span;
        var rootEnd = LastNonWhitespace(json);
        try
        {
            var reader = new Utf8JsonReader(json, EnvelopeOptions);
            if (rootEnd < 0 || json[rootEnd] != (byte)'}' || !TryReachParams(ref reader, out var method)
                || !TryParseValue(payload[(int)reader.BytesConsumed..rootEnd], ParamsOptions, out var parameters))
            {
                return false;
            }

            message = new JsonRpcMessage(JsonRpcMessageKind.Notification, 0, method, parameters, null);
            return true;
        }
        catch (JsonException)
        {
            // Malformed before params: the general path reads it again and words the problem.
            return false;
        }
    }

    /// <summary>
    /// A <c>subscription</c> notification whose <c>params</c> is an object with a string <c>channel</c> (unescaped)
    /// followed, last, by <c>data</c> (an object or an array); <paramref name="channel"/> is the name's UTF-8 bytes.
    /// </summary>
    public static bool TryReadChannel(ReadOnlyMemory<byte> payload, out ReadOnlyMemory<byte> channel, out JsonElement data)
    {
        channel = default;
        data = default;
        var json = payload.Span;
        var rootEnd = LastNonWhitespace(json);
        var paramsEnd = rootEnd < 1 ? -1 : LastNonWhitespace(json[..rootEnd]);
        if (paramsEnd < 0 || json[rootEnd] != (byte)'}' || json[paramsEnd] != (byte)'}')
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(json, EnvelopeOptions);
            if (!TryReachParams(ref reader, out var method) || method is not "subscription"
                || !reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("data"u8))
                {
                    return !channel.IsEmpty && TryParseValue(payload[(int)reader.BytesConsumed..paramsEnd], DataOptions, out data);
                }

                var isChannel = reader.ValueTextEquals("channel"u8);
                reader.Read();
                if (isChannel)
                {
                    // An escaped name (never seen in practice) is left to the general path, which unescapes it.
                    channel = reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped
                        ? payload.Slice((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length)
                        : default;
                }

                reader.Skip();
            }

            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Reads the root object's members up to <c>params</c>, and leaves the reader on that name. True when that is so, the
    /// last <c>method</c> before it is a string and the last <c>id</c> (if any) is null: a notification, if params is last.
    /// </summary>
    private static bool TryReachParams(ref Utf8JsonReader reader, out string? method)
    {
        method = null;
        var hasId = false;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("params"u8))
            {
                return method is not null && !hasId;
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

    /// <summary>A document of <paramref name="value"/>, if it is exactly one object or array (whitespace aside).</summary>
    private static bool TryParseValue(ReadOnlyMemory<byte> value, JsonDocumentOptions options, out JsonElement element)
    {
        element = default;
        var span = value.Span;
        var first = FirstNonWhitespace(span);
        var last = LastNonWhitespace(span);
        // The cheap test first, so that the usual misfit (members after the value) costs no exception.
        if (first < 0 || !(span[first] == (byte)'{' && span[last] == (byte)'}' || span[first] == (byte)'[' && span[last] == (byte)']'))
        {
            return false;
        }

        try
        {
            // Never disposed, as in JsonRpcMessage.ReadDocument: the consumer keeps the element as long as it likes.
#pragma warning disable CA2000 // See above: the document's lifetime is the consumer's.
            element = JsonDocument.Parse(value, options).RootElement;
#pragma warning restore CA2000
            return true;
        }
        catch (JsonException)
        {
            // Not one value (members follow it, or it is malformed): the general path decides.
            return false;
        }
    }

    // Plain loops: there is rarely any whitespace to pass, and a vectorized search costs more to set up than that.
    private static int FirstNonWhitespace(ReadOnlySpan<byte> json)
    {
        var i = 0;
        while (i < json.Length && IsWhitespace(json[i]))
        {
            i++;
        }

        return i < json.Length ? i : -1;
    }

    private static int LastNonWhitespace(ReadOnlySpan<byte> json)
    {
        var i = json.Length - 1;
        while (i >= 0 && IsWhitespace(json[i]))
        {
            i--;
        }

        return i;
    }

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
}
