namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// <see cref="BookReader"/>'s shortcut for a book notification's data in the bytes the exchange writes: no whitespace,
/// ASCII strings without escapes, plain numbers, the channel's own instrument, members whose values are a string, a
/// number, a literal or (for bids and asks) the entries. One scan reads them without a <c>Utf8JsonReader</c>, whose
/// per-token cost was most of a book message's decode. Anything else is declined and the reader decides, exactly as
/// before: what this accepts is one well-formed JSON value that the reader reads to the same <see cref="BookData"/>.
/// </summary>
internal static class PlainBookReader
{
    /// <summary>Digits a plain integer may have: every 18-digit one fits a long.</summary>
    private const int LongestInteger = 18;

    [ThreadStatic]
    private static List<BookLevelChange>? t_levels;

    /// <summary>The data, if <paramref name="utf8"/> is in the plain form; false leaves it to the reader.</summary>
    /// <param name="utf8">The data's UTF-8.</param>
    /// <param name="instrument">The channel's instrument, which the data's <c>instrument_name</c> must spell.</param>
    /// <param name="grouped">A grouped book's channel: every message is a snapshot.</param>
    /// <param name="data">What the reader would have decoded.</param>
    public static bool TryRead(ReadOnlySpan<byte> utf8, string? instrument, bool grouped, out BookData data)
    {
        data = default;
        var i = 0;
        if (instrument is null || !Take(utf8, ref i, (byte)'{') || At(utf8, i) == '}')
        {
            return false;
        }

        var snapshot = grouped;
        long timestamp = 0, changeId = 0;
        long? previous = null;
        BookLevelChange[] bids = [], asks = [];
        do
        {
            if (!TryString(utf8, ref i, out var name) || !Take(utf8, ref i, (byte)':'))
            {
                return false;
            }

            // By length and first letter first: one comparison of the whole name instead of one per member.
            var read = (name.Length, At(name, 0)) switch
            {
                (4, 't') when name.SequenceEqual("type"u8) => TryString(utf8, ref i, out var type) && Set(ref snapshot, grouped || type.SequenceEqual("snapshot"u8)),
                (9, 't') when name.SequenceEqual("timestamp"u8) => TryInteger(utf8, ref i, out timestamp),
                (15, 'i') when name.SequenceEqual("instrument_name"u8) => TryString(utf8, ref i, out var spelled) && System.Text.Ascii.Equals(spelled, instrument),
                (9, 'c') when name.SequenceEqual("change_id"u8) => TryInteger(utf8, ref i, out changeId),
                (14, 'p') when name.SequenceEqual("prev_change_id"u8) => TryIntegerOrNull(utf8, ref i, out previous),
                (4, 'b') when name.SequenceEqual("bids"u8) => TryLevels(utf8, ref i, out bids),
                (4, 'a') when name.SequenceEqual("asks"u8) => TryLevels(utf8, ref i, out asks),
                _ => TrySkipScalar(utf8, ref i),
            };
            if (!read)
            {
                return false;
            }
        }
        while (Take(utf8, ref i, (byte)','));

        if (!Take(utf8, ref i, (byte)'}') || i != utf8.Length)
        {
            return false;
        }

        data = new BookData(snapshot, timestamp, instrument, changeId, previous, bids, asks);
        return true;
    }

    private static bool Set(ref bool target, bool value)
    {
        target = value;
        return true;
    }

    private static bool TryLevels(ReadOnlySpan<byte> utf8, ref int i, out BookLevelChange[] levels)
    {
        levels = [];
        if (!Take(utf8, ref i, (byte)'['))
        {
            return false;
        }

        if (Take(utf8, ref i, (byte)']'))
        {
            return true;
        }

        // A change usually moves one level: that one goes straight into its array, without the list.
        if (!TryLevel(utf8, ref i, out var first))
        {
            return false;
        }

        if (Take(utf8, ref i, (byte)']'))
        {
            levels = [first];
            return true;
        }

        var list = t_levels ??= new List<BookLevelChange>(64);
        list.Clear();
        list.Add(first);
        while (Take(utf8, ref i, (byte)','))
        {
            if (!TryLevel(utf8, ref i, out var level))
            {
                return false;
            }

            list.Add(level);
        }

        if (!Take(utf8, ref i, (byte)']'))
        {
            return false;
        }

        levels = [.. list];
        return true;
    }

    /// <summary><c>["new"|"change"|"delete",price,amount]</c>, or a grouped book's <c>[price,amount]</c> (a new level).</summary>
    private static bool TryLevel(ReadOnlySpan<byte> utf8, ref int i, out BookLevelChange level)
    {
        level = default;
        var action = BookAction.New;
        if (!Take(utf8, ref i, (byte)'['))
        {
            return false;
        }

        if (At(utf8, i) == '"')
        {
            if (!TryString(utf8, ref i, out var word) || !Take(utf8, ref i, (byte)','))
            {
                return false;
            }

            if (word.SequenceEqual("change"u8))
            {
                action = BookAction.Change;
            }
            else if (word.SequenceEqual("delete"u8))
            {
                action = BookAction.Delete;
            }
            else if (!word.SequenceEqual("new"u8))
            {
                return false;
            }
        }

        if (!TryDecimal(utf8, ref i, out var price) || !Take(utf8, ref i, (byte)',') || !TryDecimal(utf8, ref i, out var amount) || !Take(utf8, ref i, (byte)']'))
        {
            return false;
        }

        level = new BookLevelChange(action, price, amount);
        return true;
    }

    private static bool TryDecimal(ReadOnlySpan<byte> utf8, ref int i, out decimal value)
    {
        value = default;
        return TryNumber(utf8, ref i, out var number) && (WireReader.TryPlainDecimal(number, out value) || TryReadersDecimal(number, out value));
    }

    /// <summary>A number the digit-by-digit read leaves (a zero, an exponent, many digits): the reader's own decimal of those bytes.</summary>
    private static bool TryReadersDecimal(ReadOnlySpan<byte> number, out decimal value)
    {
        var reader = new System.Text.Json.Utf8JsonReader(number);
        value = default;
        return reader.Read() && reader.TryGetDecimal(out value);
    }

    private static bool TryIntegerOrNull(ReadOnlySpan<byte> utf8, ref int i, out long? value)
    {
        value = null;
        if (At(utf8, i) == 'n' && utf8[i..].StartsWith("null"u8))
        {
            i += 4;
            return true;
        }

        if (!TryInteger(utf8, ref i, out var integer))
        {
            return false;
        }

        value = integer;
        return true;
    }

    /// <summary>An integer of at most <see cref="LongestInteger"/> digits, without a fraction or an exponent.</summary>
    private static bool TryInteger(ReadOnlySpan<byte> utf8, ref int i, out long value)
    {
        value = 0;
        if (!TryNumber(utf8, ref i, out var number))
        {
            return false;
        }

        var negative = number[0] == (byte)'-';
        var digits = negative ? number[1..] : number;
        if (digits.Length > LongestInteger)
        {
            return false;
        }

        foreach (var b in digits)
        {
            var digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        value = negative ? -value : value;
        return true;
    }

    /// <summary>A JSON number by its grammar (<c>-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?</c>), followed by a byte that may follow a value.</summary>
    private static bool TryNumber(ReadOnlySpan<byte> utf8, ref int i, out ReadOnlySpan<byte> number)
    {
        number = default;
        var start = i;
        var j = i;
        if (At(utf8, j) == '-')
        {
            j++;
        }

        if (At(utf8, j) == '0')
        {
            j++;
        }
        else if (!Digits(utf8, ref j))
        {
            return false;
        }

        if (At(utf8, j) == '.')
        {
            j++;
            if (!Digits(utf8, ref j))
            {
                return false;
            }
        }

        if (At(utf8, j) is 'e' or 'E')
        {
            j++;
            if (At(utf8, j) is '+' or '-')
            {
                j++;
            }

            if (!Digits(utf8, ref j))
            {
                return false;
            }
        }

        if (At(utf8, j) is not (',' or ']' or '}'))
        {
            return false;
        }

        number = utf8[start..j];
        i = j;
        return true;
    }

    /// <summary>One or more digits.</summary>
    private static bool Digits(ReadOnlySpan<byte> utf8, ref int j)
    {
        var start = j;
        while (At(utf8, j) is >= '0' and <= '9')
        {
            j++;
        }

        return j > start;
    }

    /// <summary>A string of printable ASCII without a backslash: its bytes are its text, with nothing to unescape or validate.</summary>
    private static bool TryString(ReadOnlySpan<byte> utf8, ref int i, out ReadOnlySpan<byte> text)
    {
        text = default;
        if (At(utf8, i) != '"')
        {
            return false;
        }

        // Plain loops: the strings here are a few bytes long, shorter than a vectorized search takes to set up.
        var start = i + 1;
        var end = start;
        for (; end < utf8.Length && utf8[end] != (byte)'"'; end++)
        {
            if (utf8[end] is < (byte)' ' or > (byte)'~' or (byte)'\\')
            {
                return false;
            }
        }

        if (end == utf8.Length)
        {
            return false;
        }

        text = utf8[start..end];
        i = end + 1;
        return true;
    }

    /// <summary>A member of no interest whose value is a plain string, a number or a literal; an object or array is declined.</summary>
    private static bool TrySkipScalar(ReadOnlySpan<byte> utf8, ref int i)
    {
        foreach (var literal in (ReadOnlySpan<string>)["null", "true", "false"])
        {
            if (System.Text.Ascii.Equals(utf8[i..Math.Min(utf8.Length, i + literal.Length)], literal))
            {
                i += literal.Length;
                return At(utf8, i) is ',' or '}';
            }
        }

        return At(utf8, i) == '"' ? TryString(utf8, ref i, out _) : TryNumber(utf8, ref i, out _);
    }

    private static bool Take(ReadOnlySpan<byte> utf8, ref int i, byte expected)
    {
        if (At(utf8, i) != expected)
        {
            return false;
        }

        i++;
        return true;
    }

    /// <summary>The byte at <paramref name="i"/>, or 0 past the end (never a byte of valid JSON outside a string).</summary>
    private static int At(ReadOnlySpan<byte> utf8, int i) => (uint)i < (uint)utf8.Length ? utf8[i] : 0;
}
