namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// A check, without a reader, that bytes are one JSON object or array in the plain form the exchange writes (see
/// <see cref="PlainJson"/>: no whitespace, ASCII strings without escapes, plain numbers and literals), at most
/// <see cref="MaxDepth"/> deep. True only when the value is valid JSON that a document, or
/// <see cref="WireReader.IsOneValue"/>, accepts; false means "not plain": ask the reader, which decides (whitespace, an
/// escape or deep nesting are fine JSON, just not checked here).
/// </summary>
/// <remarks>
/// The receive loop checks the raw channel messages it does not parse itself (see <see cref="ChannelData"/>); a reader
/// over every token costs a good part of the document it stands in for, this one pass less.
/// </remarks>
internal static class PlainJsonCheck
{
    /// <summary>The deepest nesting checked here, well inside the readers' limit of 62.</summary>
    public const int MaxDepth = 32;

    /// <summary>True when <paramref name="utf8"/> is exactly one plain JSON object or array.</summary>
    public static bool IsOneValue(ReadOnlySpan<byte> utf8)
    {
        // Bit d is set when the container at depth d is an object.
        ulong objects = 0;
        var depth = 0;
        var i = 0;
        while (true)
        {
            // A value starts at i.
            var first = PlainJson.At(utf8, i);
            if (first is '{' or '[')
            {
                if (depth == MaxDepth)
                {
                    return false;
                }

                var isObject = first == '{';
                objects = isObject ? objects | (1UL << depth) : objects & ~(1UL << depth);
                depth++;
                i++;
                if (PlainJson.At(utf8, i) != (isObject ? '}' : ']'))
                {
                    // The container's first value, after its name in an object.
                    if (isObject && !TryName(utf8, ref i))
                    {
                        return false;
                    }

                    continue;
                }

                // An empty container is a whole value.
                depth--;
                i++;
            }
            else if (depth == 0 || !(first == '"' ? PlainJson.TryString(utf8, ref i, out _) : PlainJson.TrySkipScalar(utf8, ref i)))
            {
                return false;
            }

            // A value ended at i: what follows closes containers, until a comma starts the next value or the bytes end.
            while (true)
            {
                if (depth == 0)
                {
                    return i == utf8.Length;
                }

                var inObject = (objects & (1UL << (depth - 1))) != 0;
                var next = PlainJson.At(utf8, i);
                if (next == ',')
                {
                    i++;
                    if (inObject && !TryName(utf8, ref i))
                    {
                        return false;
                    }

                    break;
                }

                if (next != (inObject ? '}' : ']'))
                {
                    return false;
                }

                depth--;
                i++;
            }
        }
    }

    /// <summary>A member's name and its colon.</summary>
    private static bool TryName(ReadOnlySpan<byte> utf8, ref int i) =>
        PlainJson.TryString(utf8, ref i, out _) && PlainJson.Take(utf8, ref i, (byte)':');
}
