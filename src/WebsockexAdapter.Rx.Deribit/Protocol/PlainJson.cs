using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// The reads the one-scan decoders (<see cref="PlainBookReader"/>, <see cref="PlainTickerReader"/>,
/// <see cref="PlainTradesReader"/>) share, for JSON in the bytes the exchange writes: no whitespace, ASCII strings without
/// escapes, plain numbers. Each read starts at <c>i</c>, moves it past what it read and returns true, or returns false
/// for anything else (and the decoder declines the whole value, for <see cref="WireReader"/>'s reader to decide). What
/// each accepts, it reads to what the corresponding <see cref="WireReader"/> read gives.
/// </summary>
internal static class PlainJson
{
    /// <summary>Digits a plain integer may have: every 18-digit one fits a long.</summary>
    private const int LongestInteger = 18;

    /// <summary>Digits an exponent read here may have; a longer one (<c>1e00005</c>, <c>1e400</c>) is the reader's to judge.</summary>
    private const int LongestExponent = 3;

    /// <summary>The most places 18 digits are moved left: 10^18 × 10^10 is under 2^96.</summary>
    private const int LargestShift = 10;

    private static ReadOnlySpan<ulong> PowersOfTen => [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000];

    /// <summary>The byte at <paramref name="i"/>, or 0 past the end (never a byte of valid JSON outside a string).</summary>
    /// <remarks>
    /// The byte is read past the span's own bounds check, which the JIT does not always see is the one just made: every
    /// byte of every number and member boundary is read here, and the second check was two of a digit loop's ten instructions.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int At(ReadOnlySpan<byte> utf8, int i) =>
        (uint)i < (uint)utf8.Length ? Unsafe.Add(ref MemoryMarshal.GetReference(utf8), (nint)(uint)i) : 0;

    public static bool Take(ReadOnlySpan<byte> utf8, ref int i, byte expected)
    {
        if (At(utf8, i) != expected)
        {
            return false;
        }

        i++;
        return true;
    }

    /// <summary>
    /// A member's name and its colon, and what it stands for in <paramref name="names"/>: first the guess of what follows
    /// <paramref name="previous"/> (see <see cref="MemberNames{TMember}.TryGuess"/>), then the name's own lookup, which
    /// keeps what it found as the next guess. <c>previous</c> is what the member before this one was
    /// (<see cref="MemberNames{TMember}.ObjectStart"/> for an object's first), and this sets it to this one. A name that is
    /// one of them is plain by its spelling; only another name's bytes are checked for a plain string's.
    /// </summary>
    public static bool TryMember<TMember>(ReadOnlySpan<byte> utf8, ref int i, MemberNames<TMember> names, ref int previous, out TMember member)
        where TMember : struct
    {
        if (names.TryGuess(utf8[i..], previous, out var guessed, out var quotedLength))
        {
            member = names.MemberAt(guessed);
            previous = guessed;
            i += quotedLength;
            return true;
        }

        member = default;
        if (At(utf8, i) != '"')
        {
            return false;
        }

        var start = i + 1;
        var length = utf8[start..].IndexOf((byte)'"');
        if (length < 0)
        {
            return false;
        }

        var name = utf8.Slice(start, length);
        var slot = names.SlotOf(name);
        if (slot < 0 && !IsPlain(name))
        {
            return false;
        }

        i = start + length + 1;
        if (!Take(utf8, ref i, (byte)':'))
        {
            return false;
        }

        var found = slot < 0 ? names.OtherName : slot;
        names.Follows(previous, found);
        previous = found;
        member = slot < 0 ? default : names.MemberAt(slot);
        return true;
    }

    /// <summary>A string of printable ASCII without a backslash: its bytes are its text, with nothing to unescape or validate.</summary>
    public static bool TryString(ReadOnlySpan<byte> utf8, ref int i, out ReadOnlySpan<byte> text)
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
            if (!IsPlain(utf8[end]))
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

    /// <summary>Whether a string's bytes (between its quotes) are printable ASCII without a backslash: its text, with nothing to unescape or validate.</summary>
    private static bool IsPlain(ReadOnlySpan<byte> text)
    {
        foreach (var b in text)
        {
            if (!IsPlain(b))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPlain(byte b) => b is >= (byte)' ' and <= (byte)'~' and not (byte)'\\';

    /// <summary>A plain string or null, as <see cref="WireReader.Text"/> reads it (the exchange's recurring words interned).</summary>
    public static bool TryText(ReadOnlySpan<byte> utf8, ref int i, out string? text)
    {
        text = null;
        if (TryNull(utf8, ref i))
        {
            return true;
        }

        if (!TryString(utf8, ref i, out var bytes))
        {
            return false;
        }

        text = WireReader.KnownWord(bytes) ?? Encoding.ASCII.GetString(bytes);
        return true;
    }

    /// <summary>An instrument name as <see cref="WireReader.Instrument"/> reads it: <paramref name="known"/> itself when the bytes spell it.</summary>
    public static bool TryInstrument(ReadOnlySpan<byte> utf8, ref int i, string? known, out string name)
    {
        name = string.Empty;
        var start = i;
        if (known is not null && TryString(utf8, ref i, out var spelled) && Ascii.Equals(spelled, known))
        {
            name = known;
            return true;
        }

        i = start;
        if (!TryText(utf8, ref i, out var text))
        {
            return false;
        }

        name = text ?? string.Empty;
        return true;
    }

    /// <summary>The literal <c>null</c>.</summary>
    public static bool TryNull(ReadOnlySpan<byte> utf8, ref int i)
    {
        if (At(utf8, i) != 'n' || !utf8[i..].StartsWith("null"u8))
        {
            return false;
        }

        i += 4;
        return true;
    }

    public static bool TryIntegerOrNull(ReadOnlySpan<byte> utf8, ref int i, out long? value)
    {
        value = null;
        if (TryNull(utf8, ref i))
        {
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
    public static bool TryInteger(ReadOnlySpan<byte> utf8, ref int i, out long value)
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

    /// <summary>
    /// A number, or none for a plain string (a word such as <c>"undefined"</c>) or null, as
    /// <see cref="WireReader.NumberOrNone"/> reads them.
    /// </summary>
    public static bool TryNumberOrNone(ReadOnlySpan<byte> utf8, ref int i, out decimal? value)
    {
        value = null;
        switch (At(utf8, i))
        {
            case '"':
                return TryString(utf8, ref i, out _);
            case 'n':
                return TryNull(utf8, ref i);
            default:
                if (!TryDecimal(utf8, ref i, out var number))
                {
                    return false;
                }

                value = number;
                return true;
        }
    }

    /// <summary>
    /// A price or amount: <see cref="TryExactDecimal"/>'s in the pass that checks it, any other number by the reader's own
    /// decimal of its bytes.
    /// </summary>
    public static bool TryDecimal(ReadOnlySpan<byte> utf8, ref int i, out decimal value) =>
        TryExactDecimal(utf8, ref i, out value) || (TryNumber(utf8, ref i, out var number) && TryReadersDecimal(number, out value));

    /// <summary>
    /// The usual number (<c>-</c>, at most 18 digits, a fraction, an exponent, not a negative zero) read digit by digit
    /// to the decimal the reader gives, trailing zeros and all: its digits, scaled by the fraction's length less the
    /// exponent (<c>1.20e-05</c> is 120 at scale 7; <c>1.2E9</c> is 1200000000 at scale 0). What would need rounding
    /// (a scale over 28) or more digits is declined, for the reader.
    /// </summary>
    internal static bool TryExactDecimal(ReadOnlySpan<byte> utf8, ref int i, out decimal value)
    {
        value = default;
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
                return false;
            }
        }

        // Checked before the digits are trusted: a 19th digit may have overflowed them.
        if (whole == 0 || (whole > 1 && utf8[start] == (byte)'0') || whole + scale > 18 || (negative && digits == 0))
        {
            return false;
        }

        var exponent = 0;
        if (At(utf8, j) is 'e' or 'E')
        {
            // By value, not by ref: a position whose address is taken lives in memory, and the digit loops above slow down.
            j = ExponentEnd(utf8, j + 1, out exponent);
            if (j < 0)
            {
                return false;
            }
        }

        if (At(utf8, j) is not (',' or ']' or '}') || !TryScaled(digits, negative, scale - exponent, out value))
        {
            return false;
        }

        i = j;
        return true;
    }

    /// <summary>
    /// An exponent's sign and digits (at most <see cref="LongestExponent"/>; a longer one is the reader's), from
    /// <paramref name="j"/> just past its <c>e</c>: where they end, or -1.
    /// </summary>
    private static int ExponentEnd(ReadOnlySpan<byte> utf8, int j, out int exponent)
    {
        exponent = 0;
        var negative = At(utf8, j) == '-';
        j += At(utf8, j) is '-' or '+' ? 1 : 0;
        var start = j;
        for (uint digit; (digit = (uint)(At(utf8, j) - '0')) <= 9; j++)
        {
            if (j - start == LongestExponent)
            {
                return -1;
            }

            exponent = (exponent * 10) + (int)digit;
        }

        exponent = negative ? -exponent : exponent;
        return j > start ? j : -1;
    }

    /// <summary>
    /// <paramref name="digits"/> (fewer than 19) at <paramref name="scale"/>, as the reader makes it: a scale of 0 to 28
    /// as it is; a negative one (an exponent past the fraction) multiplies the digits out to scale 0, which at most
    /// <see cref="LargestShift"/> places always fits the decimal's 96 bits. Anything else would need rounding: false.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryScaled(ulong digits, bool negative, int scale, out decimal value)
    {
        value = default;
        if (scale is >= 0 and <= 28)
        {
            value = new decimal((int)(uint)digits, (int)(uint)(digits >> 32), 0, negative, (byte)scale);
            return true;
        }

        if (scale is >= -LargestShift and < 0)
        {
            var high = Math.BigMul(digits, PowersOfTen[-scale], out var low);
            value = new decimal((int)(uint)low, (int)(uint)(low >> 32), (int)(uint)high, negative, 0);
            return true;
        }

        return false;
    }

    /// <summary>A member of no interest whose value is a plain string, a number or a literal; an object or array is declined.</summary>
    public static bool TrySkipScalar(ReadOnlySpan<byte> utf8, ref int i)
    {
        foreach (var literal in (ReadOnlySpan<string>)["null", "true", "false"])
        {
            if (Ascii.Equals(utf8[i..Math.Min(utf8.Length, i + literal.Length)], literal))
            {
                i += literal.Length;
                return At(utf8, i) is ',' or '}';
            }
        }

        return At(utf8, i) == '"' ? TryString(utf8, ref i, out _) : TryNumber(utf8, ref i, out _);
    }

    /// <summary>A number the digit-by-digit read leaves (a zero, an exponent, many digits): the reader's own decimal of those bytes.</summary>
    private static bool TryReadersDecimal(ReadOnlySpan<byte> number, out decimal value)
    {
        var reader = new System.Text.Json.Utf8JsonReader(number);
        value = default;
        return reader.Read() && reader.TryGetDecimal(out value);
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
}
