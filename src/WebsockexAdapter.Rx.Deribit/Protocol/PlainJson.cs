namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// A check, without a reader, that bytes are one JSON value of the plain kind an exchange writes: strings of printable
/// ASCII without escapes, numbers, <c>true</c>/<c>false</c>/<c>null</c>, objects and arrays at most
/// <see cref="MaxDepth"/> deep. It answers "valid" only when the value is valid JSON that a document or
/// <see cref="WireReader.IsOneValue"/> would accept; "not plain" means ask the reader, which decides (an escape, a
/// non-ASCII byte or deep nesting are fine JSON, just not checked here).
/// </summary>
/// <remarks>
/// The receive loop checks every raw channel message before handing it on (see <see cref="ChannelData"/>); a reader over
/// every token costs about as much as the document it stands in for, this one pass a fraction of it.
/// </remarks>
internal static class PlainJson
{
    /// <summary>The deepest nesting checked here, well inside the readers' limit of 62.</summary>
    public const int MaxDepth = 32;

    /// <summary>True when <paramref name="json"/> is exactly one plain JSON value (surrounding whitespace allowed).</summary>
    public static bool IsOneValue(ReadOnlySpan<byte> json)
    {
        // Bit d is set when the container at depth d is an object.
        ulong objects = 0;
        var depth = 0;
        var i = 0;
        while (true)
        {
            // A value starts at i.
            i = SkipWhitespace(json, i);
            if (i == json.Length)
            {
                return false;
            }

            var first = json[i];
            if (first is (byte)'{' or (byte)'[')
            {
                if (depth == MaxDepth)
                {
                    return false;
                }

                var isObject = first == (byte)'{';
                objects = isObject ? objects | (1UL << depth) : objects & ~(1UL << depth);
                depth++;
                i = SkipWhitespace(json, i + 1);
                if (i == json.Length || json[i] != (isObject ? (byte)'}' : (byte)']'))
                {
                    // The container's first value, after its name in an object.
                    i = isObject ? SkipName(json, i) : i;
                    if (i < 0)
                    {
                        return false;
                    }

                    continue;
                }

                // An empty container is a whole value.
                depth--;
                i++;
            }
            else
            {
                i = first switch
                {
                    (byte)'"' => SkipString(json, i),
                    (byte)'t' => SkipLiteral(json, i, "true"u8),
                    (byte)'f' => SkipLiteral(json, i, "false"u8),
                    (byte)'n' => SkipLiteral(json, i, "null"u8),
                    _ => SkipNumber(json, i),
                };
                if (i < 0)
                {
                    return false;
                }
            }

            // A value ended at i: what follows closes containers, until a comma starts the next value or the bytes end.
            while (true)
            {
                i = SkipWhitespace(json, i);
                if (depth == 0)
                {
                    return i == json.Length;
                }

                if (i == json.Length)
                {
                    return false;
                }

                var inObject = (objects & (1UL << (depth - 1))) != 0;
                if (json[i] == (byte)',')
                {
                    // The next value, after its name in an object.
                    i = inObject ? SkipName(json, i + 1) : i + 1;
                    if (i < 0)
                    {
                        return false;
                    }

                    break;
                }

                if (json[i] != (inObject ? (byte)'}' : (byte)']'))
                {
                    return false;
                }

                depth--;
                i++;
            }
        }
    }

    /// <summary>Past a member's name and its colon, or -1.</summary>
    private static int SkipName(ReadOnlySpan<byte> json, int i)
    {
        i = SkipWhitespace(json, i);
        if (i == json.Length || json[i] != (byte)'"' || (i = SkipString(json, i)) < 0)
        {
            return -1;
        }

        i = SkipWhitespace(json, i);
        return i < json.Length && json[i] == (byte)':' ? i + 1 : -1;
    }

    /// <summary>Past a string of printable ASCII without escapes, or -1.</summary>
    private static int SkipString(ReadOnlySpan<byte> json, int i)
    {
        // A plain loop: the strings here are names and short values, too short for a vectorized search to pay.
        for (i++; i < json.Length; i++)
        {
            var b = json[i];
            if (b == (byte)'"')
            {
                return i + 1;
            }

            if (b is < (byte)' ' or > (byte)'~' or (byte)'\\')
            {
                return -1;
            }
        }

        return -1;
    }

    private static int SkipLiteral(ReadOnlySpan<byte> json, int i, ReadOnlySpan<byte> literal) =>
        json[i..].StartsWith(literal) ? i + literal.Length : -1;

    /// <summary>Past a number as JSON writes it (<c>-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?</c>), or -1.</summary>
    private static int SkipNumber(ReadOnlySpan<byte> json, int i)
    {
        if (json[i] == (byte)'-')
        {
            i++;
        }

        if (i == json.Length || !char.IsAsciiDigit((char)json[i]))
        {
            return -1;
        }

        // A leading zero stands alone: whatever follows "0" is for the caller, which accepts only a delimiter.
        i = json[i] == (byte)'0' ? i + 1 : SkipDigits(json, i);
        if (i < json.Length && json[i] == (byte)'.')
        {
            var fraction = i + 1;
            if ((i = SkipDigits(json, fraction)) == fraction)
            {
                return -1;
            }
        }

        if (i < json.Length && (json[i] | 0x20) == (byte)'e')
        {
            i++;
            if (i < json.Length && json[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            var exponent = i;
            if ((i = SkipDigits(json, exponent)) == exponent)
            {
                return -1;
            }
        }

        return i;
    }

    private static int SkipDigits(ReadOnlySpan<byte> json, int i)
    {
        while (i < json.Length && char.IsAsciiDigit((char)json[i]))
        {
            i++;
        }

        return i;
    }

    private static int SkipWhitespace(ReadOnlySpan<byte> json, int i)
    {
        while (i < json.Length && json[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return i;
    }
}
