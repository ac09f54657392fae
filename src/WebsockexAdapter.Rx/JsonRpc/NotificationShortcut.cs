using System.Text.Json;

namespace WebsockexAdapter.Rx.JsonRpc;

/// <summary>
/// The shortcut for the message an exchange sends all the time, a channel message:
/// <c>{"jsonrpc":"2.0","method":"subscription","params":{"channel":"...","data":{...}}}</c>, with <c>data</c> the last
/// member of <c>params</c> and <c>params</c> the last of the root. A reader goes through the envelope (checking it as a
/// document would, and classifying it as it goes), and only <c>data</c>, the value handed out, becomes a document: the
/// envelope is neither stored in a document nor searched by name afterwards. An envelope in the exact bytes the exchange
/// writes is recognised by comparing them, without the reader. Used by a session with an <see cref="IChannelSink"/>.
/// </summary>
/// <remarks>
/// Every other shape declines (members after data or params, an id, a method other than <c>subscription</c>, an
/// escaped or missing channel name, data that is not an object or array, malformed JSON anywhere) and takes
/// <see cref="JsonRpcMessage.Read"/>, which decides and words it exactly as before. What the shortcut accepts is
/// exactly what that path and the adapter would deliver the same way: the reader has checked everything before
/// <c>data</c> with the same rules, the data's document checks the value (two levels of nesting less, so the limit
/// stays <see cref="JsonRpcMessage.MaxDepth"/> for the frame), and the value is followed by nothing but the two closing
/// braces. Duplicate members resolve as a document's lookups do: the last one wins.
/// </remarks>
internal static class NotificationShortcut
{
    private static readonly JsonReaderOptions EnvelopeOptions = new() { MaxDepth = JsonRpcMessage.MaxDepth };
    // data sits two levels below the root (in params, in the root object): its own document may nest two levels less.
    private static readonly JsonDocumentOptions DataOptions = new() { MaxDepth = JsonRpcMessage.MaxDepth - 2 };

    /// <summary>How the exchange writes a channel message, up to the channel name's first character.</summary>
    private static ReadOnlySpan<byte> UsualEnvelope => "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\""u8;

    /// <summary>What follows the channel name, up to the data's first byte.</summary>
    private static ReadOnlySpan<byte> DataMember => "\",\"data\":"u8;

    /// <summary>The channel message's channel name (its UTF-8 bytes) and <c>data</c>, if the frame has the usual shape.</summary>
    public static bool TryReadChannel(ReadOnlyMemory<byte> payload, out ReadOnlyMemory<byte> channel, out JsonElement data)
    {
        data = default;
        return TryFindData(payload, out channel, out var value) && TryParseValue(value, out data);
    }

    /// <summary>
    /// The channel message's channel name and its <c>data</c> value's bytes, not yet parsed, if the frame has the usual
    /// shape as far as a reader has gone: the envelope is checked, <c>data</c> starts and ends as one object or array
    /// does and only the two closing braces follow it. Whether those bytes are exactly one valid value is for whoever
    /// reads them (<see cref="TryParseValue"/>, or a sink's own one-pass reader) to find out.
    /// </summary>
    public static bool TryFindData(ReadOnlyMemory<byte> payload, out ReadOnlyMemory<byte> channel, out ReadOnlyMemory<byte> data)
    {
        var found = TryFindData(payload.Span, out var channelRange, out var dataRange);
        channel = found ? payload[channelRange] : default;
        data = found ? payload[dataRange] : default;
        return found;
    }

    /// <summary>The same over bytes that may be lent (a <see cref="FrameView"/>'s): where the channel name and <c>data</c> lie in them.</summary>
    public static bool TryFindData(ReadOnlySpan<byte> json, out Range channel, out Range data)
    {
        channel = default;
        data = default;
        var rootEnd = LastNonWhitespace(json);
        var paramsEnd = rootEnd < 1 ? -1 : LastNonWhitespace(json[..rootEnd]);
        if (paramsEnd < 0 || json[rootEnd] != (byte)'}' || json[paramsEnd] != (byte)'}')
        {
            return false;
        }

        if (TryFindDataAfterUsualEnvelope(json, paramsEnd, out channel, out data))
        {
            return true;
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
                    return !channel.Equals(default(Range)) && TryTrimValue(json, (int)reader.BytesConsumed, paramsEnd, out data);
                }

                var isChannel = reader.ValueTextEquals("channel"u8);
                reader.Read();
                if (isChannel)
                {
                    // An escaped or empty name (never seen in practice) is left to the general path, which decides.
                    var start = (int)reader.TokenStartIndex + 1;
                    channel = reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && reader.ValueSpan.Length > 0
                        ? start..(start + reader.ValueSpan.Length)
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
    /// The envelope byte for byte as the exchange writes it (no whitespace, its members in its order, a plain ASCII
    /// channel name), found without a reader: those bytes are the valid JSON the reader would check, with the same
    /// method, no id, and the same channel and data, so the answer is the reader's. Anything else is for the reader.
    /// </summary>
    private static bool TryFindDataAfterUsualEnvelope(ReadOnlySpan<byte> json, int paramsEnd, out Range channel, out Range data)
    {
        channel = default;
        data = default;
        if (!json[..paramsEnd].StartsWith(UsualEnvelope))
        {
            return false;
        }

        var name = json[UsualEnvelope.Length..paramsEnd];
        var length = name.IndexOf((byte)'"');
        // Printable ASCII without a backslash: a JSON string with nothing to unescape or validate.
        if (length <= 0 || name[..length].IndexOfAnyExceptInRange((byte)' ', (byte)'~') >= 0 || name[..length].Contains((byte)'\\')
            || !name[length..].StartsWith(DataMember)
            || !TryTrimValue(json, UsualEnvelope.Length + length + DataMember.Length, paramsEnd, out data))
        {
            return false;
        }

        channel = UsualEnvelope.Length..(UsualEnvelope.Length + length);
        return true;
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

    /// <summary>
    /// Where the value between <paramref name="start"/> and <paramref name="end"/> lies without the whitespace around it,
    /// if it starts and ends as one object or array does.
    /// </summary>
    private static bool TryTrimValue(ReadOnlySpan<byte> json, int start, int end, out Range trimmed)
    {
        var span = json[start..end];
        var first = FirstNonWhitespace(span);
        var last = LastNonWhitespace(span);
        // The cheap test first, so that the usual misfit (members after data) costs no exception.
        var found = first >= 0 && (span[first] == (byte)'{' && span[last] == (byte)'}' || span[first] == (byte)'[' && span[last] == (byte)']');
        trimmed = found ? (start + first)..(start + last + 1) : default;
        return found;
    }

    /// <summary>A document of <paramref name="value"/> (found by <see cref="TryFindData(ReadOnlyMemory{byte}, out ReadOnlyMemory{byte}, out ReadOnlyMemory{byte})"/>), if it is exactly one value.</summary>
    public static bool TryParseValue(ReadOnlyMemory<byte> value, out JsonElement element)
    {
        element = default;
        try
        {
            // Never disposed, as in JsonRpcMessage.Read: the consumer keeps the element as long as it likes.
#pragma warning disable CA2000 // See above: the document's lifetime is the consumer's.
            element = JsonDocument.Parse(value, DataOptions).RootElement;
#pragma warning restore CA2000
            return true;
        }
        catch (JsonException)
        {
            // Not one value (members follow it, or it is malformed): the general path decides.
            return false;
        }
    }

    /// <summary>
    /// A document of <paramref name="value"/>, bytes that are lent (a frame view's), if it is exactly one value: parsed
    /// in <paramref name="scratch"/> and cloned, so the element owns a copy of just its bytes and its index while the
    /// parse's pooled index goes back to the pool. Cheaper than a document kept over a copy, whose pooled index is never
    /// returned (the consumer keeps the element, so that document is never disposed).
    /// </summary>
    /// <param name="value">The data's bytes.</param>
    /// <param name="scratch">A buffer the caller keeps for the next call; grown here, up to <see cref="MaxScratch"/>.</param>
    /// <param name="element">The data, valid as long as anyone keeps it.</param>
    public static bool TryParseLent(ReadOnlySpan<byte> value, ref byte[]? scratch, out JsonElement element)
    {
        if (value.Length > MaxScratch)
        {
            return TryParseValue(value.ToArray(), out element);
        }

        if (scratch is null || scratch.Length < value.Length)
        {
            scratch = new byte[Math.Max(value.Length, 1024)];
        }

        value.CopyTo(scratch);
        element = default;
        try
        {
            using var document = JsonDocument.Parse(scratch.AsMemory(0, value.Length), DataOptions);
            element = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The largest data <see cref="TryParseLent"/> parses in a kept buffer; a larger one gets a copy of its own.</summary>
    public const int MaxScratch = 64 * 1024;

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
