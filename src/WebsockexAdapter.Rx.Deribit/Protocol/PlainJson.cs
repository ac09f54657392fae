using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// The reads the one-scan decoders (<see cref="PlainBookReader"/>, <see cref="PlainTickerReader"/>,
/// <see cref="PlainTradesReader"/>) share, for JSON in the bytes the exchange writes: no whitespace, ASCII strings without
/// escapes, plain numbers. Each read starts at position <c>i</c> and returns where what it read ends (the position of the
/// byte after it), or <see cref="NotRead"/> for anything else (and the decoder declines the whole value, for
/// <see cref="WireReader"/>'s reader to decide). What each accepts, it reads to what the corresponding
/// <see cref="WireReader"/> read gives.
/// </summary>
/// <remarks>
/// The position goes in and comes out by value, never by reference: a local whose address is passed to a call that is
/// not inlined lives in memory for the whole method, and the decoders' loops would load and store it at every member.
/// </remarks>
internal static class PlainJson
{
    /// <summary>What a read returns when the bytes at its position are not what it reads.</summary>
    public const int NotRead = -1;

    /// <summary>Digits a plain integer may have: every 18-digit one fits a long.</summary>
    private const int LongestInteger = 18;

    /// <summary>Digits an exponent read here may have; a longer one (<c>1e00005</c>, <c>1e400</c>) is the reader's to judge.</summary>
    private const int LongestExponent = 3;

    /// <summary>The most places 18 digits are moved left: 10^18 × 10^10 is under 2^96.</summary>
    private const int LargestShift = 10;

    private static ReadOnlySpan<ulong> PowersOfTen => [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000];

    /// <summary>
    /// The byte at <paramref name="i"/>, or 0 past either end (never a byte of valid JSON outside a string): a read that
    /// starts where another returned <see cref="NotRead"/> finds nothing and returns it too.
    /// </summary>
    /// <remarks>
    /// The byte is read past the span's own bounds check, which the JIT does not always see is the one just made: every
    /// byte of every number and member boundary is read here, and the second check was two of a digit loop's ten instructions.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int At(ReadOnlySpan<byte> utf8, int i) =>
        (uint)i < (uint)utf8.Length ? Unsafe.Add(ref MemoryMarshal.GetReference(utf8), (nint)(uint)i) : 0;

    /// <summary>The position after <paramref name="expected"/> at <paramref name="i"/>.</summary>
    public static int After(ReadOnlySpan<byte> utf8, int i, byte expected) => At(utf8, i) == expected ? i + 1 : NotRead;

    /// <summary>
    /// A member's name and its colon, and what it stands for in <paramref name="names"/>: first the guess of what follows
    /// <paramref name="previous"/> (see <see cref="MemberNames{TMember}.TryGuess"/>), then the name's own lookup, which
    /// keeps what it found as the next guess. <c>previous</c> is what the member before this one was
    /// (<see cref="MemberNames{TMember}.ObjectStart"/> for an object's first), and this sets it to this one. A name that is
    /// one of them is plain by its spelling; only another name's bytes are checked for a plain string's.
    /// </summary>
    public static int MemberEnd<TMember>(ReadOnlySpan<byte> utf8, int i, MemberNames<TMember> names, ref int previous, out TMember member)
        where TMember : struct
    {
        if (names.TryGuess(utf8[i..], previous, out var guessed, out var quotedLength))
        {
            member = names.MemberAt(guessed);
            previous = guessed;
            return i + quotedLength;
        }

        member = default;
        if (At(utf8, i) != '"')
        {
            return NotRead;
        }

        var start = i + 1;
        var length = utf8[start..].IndexOf((byte)'"');
        if (length < 0)
        {
            return NotRead;
        }

        var name = utf8.Slice(start, length);
        var slot = names.SlotOf(name);
        if (slot < 0 && !IsPlain(name))
        {
            return NotRead;
        }

        var end = After(utf8, start + length + 1, (byte)':');
        if (end < 0)
        {
            return NotRead;
        }

        var found = slot < 0 ? names.OtherName : slot;
        names.Follows(previous, found);
        previous = found;
        member = slot < 0 ? default : names.MemberAt(slot);
        return end;
    }

    /// <summary>A string of printable ASCII without a backslash: its bytes are its text, with nothing to unescape or validate.</summary>
    public static int StringEnd(ReadOnlySpan<byte> utf8, int i, out ReadOnlySpan<byte> text)
    {
        text = default;
        if (At(utf8, i) != '"')
        {
            return NotRead;
        }

        // Plain loops: the strings here are a few bytes long, shorter than a vectorized search takes to set up.
        var start = i + 1;
        var end = start;
        for (; end < utf8.Length && utf8[end] != (byte)'"'; end++)
        {
            if (!IsPlain(utf8[end]))
            {
                return NotRead;
            }
        }

        if (end == utf8.Length)
        {
            return NotRead;
        }

        text = utf8[start..end];
        return end + 1;
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
    public static int TextEnd(ReadOnlySpan<byte> utf8, int i, out string? text)
    {
        text = null;
        var end = NullEnd(utf8, i);
        if (end >= 0)
        {
            return end;
        }

        end = StringEnd(utf8, i, out var bytes);
        if (end < 0)
        {
            return NotRead;
        }

        text = WireReader.KnownWord(bytes) ?? Encoding.ASCII.GetString(bytes);
        return end;
    }

    /// <summary>An instrument name as <see cref="WireReader.Instrument"/> reads it: <paramref name="known"/> itself when the bytes spell it.</summary>
    public static int InstrumentEnd(ReadOnlySpan<byte> utf8, int i, string? known, out string name)
    {
        name = string.Empty;
        if (known is not null)
        {
            var spelledEnd = StringEnd(utf8, i, out var spelled);
            if (spelledEnd >= 0 && Ascii.Equals(spelled, known))
            {
                name = known;
                return spelledEnd;
            }
        }

        var end = TextEnd(utf8, i, out var text);
        if (end < 0)
        {
            return NotRead;
        }

        name = text ?? string.Empty;
        return end;
    }

    /// <summary>The literal <c>null</c>.</summary>
    public static int NullEnd(ReadOnlySpan<byte> utf8, int i) =>
        At(utf8, i) == 'n' && utf8[i..].StartsWith("null"u8) ? i + 4 : NotRead;

    public static int IntegerOrNullEnd(ReadOnlySpan<byte> utf8, int i, out long? value)
    {
        value = null;
        var end = NullEnd(utf8, i);
        if (end >= 0)
        {
            return end;
        }

        end = IntegerEnd(utf8, i, out var integer);
        if (end < 0)
        {
            return NotRead;
        }

        value = integer;
        return end;
    }

    /// <summary>An integer of at most <see cref="LongestInteger"/> digits, without a fraction or an exponent, in one pass.</summary>
    public static int IntegerEnd(ReadOnlySpan<byte> utf8, int i, out long value)
    {
        value = 0;
        var j = i;
        var negative = At(utf8, j) == '-';
        j += negative ? 1 : 0;
        var start = j;
        ulong digits = 0;
        j = DigitRunEnd(utf8, j, ref digits);

        // A JSON number has no leading zero; a fraction, an exponent or a 19th digit is the reader's to judge.
        var count = j - start;
        if (count is 0 or > LongestInteger || (count > 1 && utf8[start] == (byte)'0') || At(utf8, j) is not (',' or ']' or '}'))
        {
            return NotRead;
        }

        value = negative ? -(long)digits : (long)digits;
        return j;
    }

    /// <summary>
    /// A number, or none for a plain string (a word such as <c>"undefined"</c>) or null, as
    /// <see cref="WireReader.NumberOrNone"/> reads them.
    /// </summary>
    public static int NumberOrNoneEnd(ReadOnlySpan<byte> utf8, int i, out decimal? value)
    {
        value = null;
        switch (At(utf8, i))
        {
            case '"':
                return StringEnd(utf8, i, out _);
            case 'n':
                return NullEnd(utf8, i);
            default:
                var end = DecimalEnd(utf8, i, out var number);
                if (end < 0)
                {
                    return NotRead;
                }

                value = number;
                return end;
        }
    }

    /// <summary>
    /// A price or amount: <see cref="ExactDecimalEnd"/>'s in the pass that checks it, any other number by the reader's own
    /// decimal of its bytes.
    /// </summary>
    public static int DecimalEnd(ReadOnlySpan<byte> utf8, int i, out decimal value)
    {
        var end = ExactDecimalEnd(utf8, i, out value);
        if (end >= 0)
        {
            return end;
        }

        end = NumberEnd(utf8, i, out var number);
        return end >= 0 && TryReadersDecimal(number, out value) ? end : NotRead;
    }

    /// <summary>
    /// The usual number (<c>-</c>, at most 18 digits, a fraction, an exponent, not a negative zero) read digit by digit
    /// to the decimal the reader gives, trailing zeros and all: its digits, scaled by the fraction's length less the
    /// exponent (<c>1.20e-05</c> is 120 at scale 7; <c>1.2E9</c> is 1200000000 at scale 0). What would need rounding
    /// (a scale over 28) or more digits is declined, for the reader.
    /// </summary>
    /// <remarks>
    /// Inlined: its decimal then stays in registers, where a call returns it through memory; a ticker reads two dozen, and
    /// in a decoder as large as the ticker's the JIT's inlining budget ran out before it.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int ExactDecimalEnd(ReadOnlySpan<byte> utf8, int i, out decimal value)
    {
        value = default;
        var j = i;
        var negative = At(utf8, j) == '-';
        j += negative ? 1 : 0;
        var start = j;
        ulong digits = 0;
        j = DigitRunEnd(utf8, j, ref digits);
        var whole = j - start;
        var scale = 0;
        if (At(utf8, j) == '.')
        {
            var fraction = ++j;
            j = DigitRunEnd(utf8, j, ref digits);

            scale = j - fraction;
            if (scale == 0)
            {
                return NotRead;
            }
        }

        // Checked before the digits are trusted: a 19th digit may have overflowed them.
        if (whole == 0 || (whole > 1 && utf8[start] == (byte)'0') || whole + scale > 18 || (negative && digits == 0))
        {
            return NotRead;
        }

        var exponent = 0;
        if (At(utf8, j) is 'e' or 'E')
        {
            j = ExponentEnd(utf8, j + 1, out exponent);
            if (j < 0)
            {
                return NotRead;
            }
        }

        if (At(utf8, j) is not (',' or ']' or '}') || !TryScaled(digits, negative, scale - exponent, out value))
        {
            return NotRead;
        }

        return j;
    }

    /// <summary>
    /// Where the run of digits from <paramref name="j"/> ends, with <paramref name="digits"/> times ten and plus each
    /// (a 19th digit may overflow them: the caller counts them). Two digits a turn: half the turns, and half the chain
    /// of multiply-adds each turn waits for.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DigitRunEnd(ReadOnlySpan<byte> utf8, int j, ref ulong digits)
    {
        for (uint first; (first = (uint)(At(utf8, j) - '0')) <= 9; j += 2)
        {
            var second = (uint)(At(utf8, j + 1) - '0');
            if (second > 9)
            {
                digits = (digits * 10) + first;
                return j + 1;
            }

            digits = (digits * 100) + ((first * 10) + second);
        }

        return j;
    }

    /// <summary>
    /// An exponent's sign and digits (at most <see cref="LongestExponent"/>; a longer one is the reader's), from
    /// <paramref name="j"/> just past its <c>e</c>.
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
                return NotRead;
            }

            exponent = (exponent * 10) + (int)digit;
        }

        exponent = negative ? -exponent : exponent;
        return j > start ? j : NotRead;
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
    public static int ScalarEnd(ReadOnlySpan<byte> utf8, int i)
    {
        foreach (var literal in (ReadOnlySpan<string>)["null", "true", "false"])
        {
            if (Ascii.Equals(utf8[i..Math.Min(utf8.Length, i + literal.Length)], literal))
            {
                var end = i + literal.Length;
                return At(utf8, end) is ',' or '}' ? end : NotRead;
            }
        }

        return At(utf8, i) == '"' ? StringEnd(utf8, i, out _) : NumberEnd(utf8, i, out _);
    }

    /// <summary>A number the digit-by-digit read leaves (a zero, an exponent, many digits): the reader's own decimal of those bytes.</summary>
    private static bool TryReadersDecimal(ReadOnlySpan<byte> number, out decimal value)
    {
        var reader = new System.Text.Json.Utf8JsonReader(number);
        value = default;
        return reader.Read() && reader.TryGetDecimal(out value);
    }

    /// <summary>A JSON number by its grammar (<c>-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?</c>), followed by a byte that may follow a value.</summary>
    private static int NumberEnd(ReadOnlySpan<byte> utf8, int i, out ReadOnlySpan<byte> number)
    {
        number = default;
        var j = i;
        if (At(utf8, j) == '-')
        {
            j++;
        }

        j = At(utf8, j) == '0' ? j + 1 : DigitsEnd(utf8, j);
        if (j >= 0 && At(utf8, j) == '.')
        {
            j = DigitsEnd(utf8, j + 1);
        }

        if (j >= 0 && At(utf8, j) is 'e' or 'E')
        {
            j++;
            if (At(utf8, j) is '+' or '-')
            {
                j++;
            }

            j = DigitsEnd(utf8, j);
        }

        if (j < 0 || At(utf8, j) is not (',' or ']' or '}'))
        {
            return NotRead;
        }

        number = utf8[i..j];
        return j;
    }

    /// <summary>One or more digits.</summary>
    private static int DigitsEnd(ReadOnlySpan<byte> utf8, int j)
    {
        var start = j;
        while (At(utf8, j) is >= '0' and <= '9')
        {
            j++;
        }

        return j > start ? j : NotRead;
    }
}
