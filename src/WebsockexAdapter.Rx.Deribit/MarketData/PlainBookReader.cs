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
            var member = KnownName(utf8[i..], out var length);
            i += length;
            var read = member switch
            {
                Member.Type => TryString(utf8, ref i, out var type) && Set(ref snapshot, grouped || type.SequenceEqual("snapshot"u8)),
                Member.Timestamp => TryInteger(utf8, ref i, out timestamp),
                Member.InstrumentName => TryString(utf8, ref i, out var spelled) && System.Text.Ascii.Equals(spelled, instrument),
                Member.ChangeId => TryInteger(utf8, ref i, out changeId),
                Member.PrevChangeId => TryIntegerOrNull(utf8, ref i, out previous),
                Member.Bids => TryLevels(utf8, ref i, out bids),
                Member.Asks => TryLevels(utf8, ref i, out asks),
                _ => TryString(utf8, ref i, out _) && Take(utf8, ref i, (byte)':') && TrySkipScalar(utf8, ref i),
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

    private enum Member
    {
        Other,
        Type,
        Timestamp,
        InstrumentName,
        ChangeId,
        PrevChangeId,
        Bids,
        Asks,
    }

    /// <summary>
    /// The member whose name, in its quotes and with its colon, <paramref name="rest"/> starts with, and that prefix's
    /// length: one comparison for each of the exchange's names. Any other name is <see cref="Member.Other"/> (length 0).
    /// </summary>
    private static Member KnownName(ReadOnlySpan<byte> rest, out int length)
    {
        var member = At(rest, 1) switch
        {
            't' when rest.StartsWith("\"type\":"u8) => Member.Type,
            't' when rest.StartsWith("\"timestamp\":"u8) => Member.Timestamp,
            'i' when rest.StartsWith("\"instrument_name\":"u8) => Member.InstrumentName,
            'c' when rest.StartsWith("\"change_id\":"u8) => Member.ChangeId,
            'p' when rest.StartsWith("\"prev_change_id\":"u8) => Member.PrevChangeId,
            'b' when rest.StartsWith("\"bids\":"u8) => Member.Bids,
            'a' when rest.StartsWith("\"asks\":"u8) => Member.Asks,
            _ => Member.Other,
        };
        length = member switch
        {
            Member.Type or Member.Bids or Member.Asks => 7,
            Member.Timestamp or Member.ChangeId => 12,
            Member.PrevChangeId => 17,
            Member.InstrumentName => 18,
            _ => 0,
        };
        return member;
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
            var rest = utf8[i..];
            (action, var length) = rest.StartsWith("\"new\","u8) ? (BookAction.New, 6)
                : rest.StartsWith("\"change\","u8) ? (BookAction.Change, 9)
                : rest.StartsWith("\"delete\","u8) ? (BookAction.Delete, 9)
                : (action, 0);
            if (length == 0)
            {
                return false;
            }

            i += length;
        }

        if (!TryDecimal(utf8, ref i, out var price) || !Take(utf8, ref i, (byte)',') || !TryDecimal(utf8, ref i, out var amount) || !Take(utf8, ref i, (byte)']'))
        {
            return false;
        }

        level = new BookLevelChange(action, price, amount);
        return true;
    }

    /// <summary>
    /// A price or amount. The usual one (<c>-</c>, at most 18 digits, a fraction, no exponent, not a negative zero) in
    /// the pass that checks it: the decimal the reader gives, trailing zeros and all (as
    /// <see cref="WireReader.TryPlainDecimal"/> makes it); any other number by the reader's own decimal of its bytes.
    /// </summary>
    private static bool TryDecimal(ReadOnlySpan<byte> utf8, ref int i, out decimal value)
    {
        var j = i;
        var negative = At(utf8, j) == '-';
        j += negative ? 1 : 0;
        var start = j;
        ulong digits = 0;
        for (uint digit; (digit = (uint)(At(utf8, j) - '0')) <= 9; j++)
        {
            digits = (digits * 10) + digit;
        }

        var whole = j - start;
        var scale = 0;
        if (At(utf8, j) == '.')
        {
            var fraction = ++j;
            for (uint digit; (digit = (uint)(At(utf8, j) - '0')) <= 9; j++)
            {
                digits = (digits * 10) + digit;
            }

            scale = j - fraction;
            if (scale == 0)
            {
                value = default;
                return false;
            }
        }

        if (whole > 0 && (whole == 1 || utf8[start] != (byte)'0') && whole + scale <= 18 && !(negative && digits == 0)
            && At(utf8, j) is ',' or ']' or '}')
        {
            value = new decimal((int)(uint)digits, (int)(uint)(digits >> 32), 0, negative, (byte)scale);
            i = j;
            return true;
        }

        value = default;
        return TryNumber(utf8, ref i, out var number) && TryReadersDecimal(number, out value);
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

    /// <summary>An integer of at most <see cref="LongestInteger"/> digits, without a fraction or an exponent, in one pass.</summary>
    private static bool TryInteger(ReadOnlySpan<byte> utf8, ref int i, out long value)
    {
        value = 0;
        var j = i;
        var negative = At(utf8, j) == '-';
        j += negative ? 1 : 0;
        var start = j;
        long digits = 0;
        for (uint digit; (digit = (uint)(At(utf8, j) - '0')) <= 9 && j - start < LongestInteger; j++)
        {
            digits = (digits * 10) + digit;
        }

        // A JSON number has no leading zero; a fraction, an exponent or a 19th digit is the reader's to judge.
        var count = j - start;
        if (count == 0 || (count > 1 && utf8[start] == (byte)'0') || At(utf8, j) is not (',' or ']' or '}'))
        {
            return false;
        }

        value = negative ? -digits : digits;
        i = j;
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
