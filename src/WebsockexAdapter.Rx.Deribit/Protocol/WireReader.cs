using System.Text.Json;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// The reads every hand-written decoder shares: one pass of a <see cref="Utf8JsonReader"/> over a notification's or a
/// reply's UTF-8, building the typed value as it goes (no document, no boxing, no reflection). Each read method
/// expects the reader on the value's first token and leaves it on the value's last token.
/// </summary>
internal static class WireReader
{
    /// <summary>The longest member name a decoder matches; longer ones are never ours and are skipped.</summary>
    public const int LongestName = 48;

    // The data of a notification sits two levels below the frame's root, and a reply's result one: the frame's own
    // limit (JsonRpcMessage.MaxDepth, 64) minus two is what any value here may nest.
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 62 };

    /// <summary>A reader over one value, already on its first token.</summary>
    public static Utf8JsonReader Start(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, Options);
        if (!reader.Read())
        {
            throw new JsonException("The value is empty.");
        }

        return reader;
    }

    /// <summary>Fails unless nothing but whitespace follows the value just read: the bytes were exactly one value.</summary>
    public static void End(ref Utf8JsonReader reader)
    {
        // Without AllowMultipleValues, a second value (or any other byte) after the first fails this read.
        if (reader.Read())
        {
            throw new JsonException("More follows the value.");
        }
    }

    /// <summary>Whether <paramref name="utf8"/> is exactly one well-formed JSON value (within the nesting limit).</summary>
    public static bool IsOneValue(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = Start(utf8);
            reader.Skip();
            End(ref reader);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Fails unless the reader is on <paramref name="token"/>.</summary>
    public static void Expect(ref Utf8JsonReader reader, JsonTokenType token, string what)
    {
        if (reader.TokenType != token)
        {
            throw new JsonException($"{what} must be {Describe(token)} (found {reader.TokenType}).");
        }
    }

    /// <summary>
    /// Moves to the next member of the object the reader is in and onto its value; false at the object's end.
    /// The member's name is the first <paramref name="length"/> chars of <paramref name="buffer"/> (none for a name too
    /// long to be ours).
    /// </summary>
    public static bool NextMember(ref Utf8JsonReader reader, scoped Span<char> buffer, out int length)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            length = 0;
            return false;
        }

        // Names are ASCII in practice; CopyString also unescapes, so an escaped name still matches.
        length = reader.ValueSpan.Length <= buffer.Length || reader.ValueIsEscaped ? Transcoded(ref reader, buffer) : 0;
        reader.Read();
        return true;
    }

    /// <summary>
    /// <see cref="NextMember(ref Utf8JsonReader, Span{char}, out int)"/>, with the name as the first
    /// <paramref name="length"/> ASCII bytes of <paramref name="bytes"/>, for a <see cref="MemberNames{TMember}"/>: none
    /// for a name that is not ASCII or is too long, which no decoder keeps.
    /// </summary>
    public static bool NextMember(ref Utf8JsonReader reader, scoped Span<char> chars, scoped Span<byte> bytes, out int length)
    {
        if (!NextMember(ref reader, chars, out var count))
        {
            length = 0;
            return false;
        }

        length = System.Text.Ascii.FromUtf16(chars[..count], bytes, out var written) == System.Buffers.OperationStatus.Done ? written : 0;
        return true;
    }

    /// <summary>A number, or <see langword="null"/> for a word (<c>"undefined"</c>, <c>"expired"</c>, <c>"market_price"</c>) or null.</summary>
    public static decimal? NumberOrNone(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number => Decimal(ref reader),
        JsonTokenType.String or JsonTokenType.Null => null,
        _ => throw new JsonException($"A number was expected (found {reader.TokenType})."),
    };

    /// <summary>A number that must be there: a price or amount of a book level or a trade.</summary>
    public static decimal Number(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Number
        ? Decimal(ref reader)
        : throw new JsonException($"A number was expected (found {reader.TokenType}).");

    /// <summary>An integer (a timestamp, an id, a sequence number).</summary>
    public static long Integer(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value)
        ? value
        : throw new JsonException($"An integer was expected (found {reader.TokenType}).");

    /// <summary>An integer, or <see langword="null"/> for null.</summary>
    public static long? IntegerOrNone(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Null ? null : Integer(ref reader);

    /// <summary>true or false; <see langword="null"/> for null.</summary>
    public static bool? Flag(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.Null => null,
        _ => throw new JsonException($"true or false was expected (found {reader.TokenType})."),
    };

    /// <summary>A string, or <see langword="null"/> for null. The exchange's few recurring words come back interned.</summary>
    public static string? Text(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => KnownWord(ref reader) ?? Transcoded(ref reader),
        JsonTokenType.Null => null,
        _ => throw new JsonException($"A string was expected (found {reader.TokenType})."),
    };

    // The reader checks a string's UTF-8 only when it transcodes it, and then throws InvalidOperationException: such
    // bytes are malformed data like any other, so they fail as a JsonException does.
    private static string Transcoded(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException error)
        {
            throw new JsonException("A string is not valid UTF-8.", error);
        }
    }

    private static int Transcoded(ref Utf8JsonReader reader, scoped Span<char> buffer)
    {
        try
        {
            return CopyName(ref reader, buffer);
        }
        catch (InvalidOperationException error)
        {
            throw new JsonException("A member's name is not valid UTF-8.", error);
        }
    }

    /// <summary>An instrument name: <paramref name="known"/> itself when the bytes spell it, so a channel's messages share one string.</summary>
    public static string Instrument(ref Utf8JsonReader reader, string? known) =>
        known is not null && reader.TokenType == JsonTokenType.String && Spells(ref reader, known)
            ? known
            : Text(ref reader) ?? string.Empty;

    /// <summary>Whether the string the reader is on is <paramref name="text"/>; an ASCII one without escapes is compared byte for char.</summary>
    private static bool Spells(ref Utf8JsonReader reader, string text) =>
        reader.ValueIsEscaped || !System.Text.Ascii.IsValid(text)
            ? reader.ValueTextEquals(text)
            : System.Text.Ascii.Equals(reader.ValueSpan, text);

    private static decimal Decimal(ref Utf8JsonReader reader) => TryPlainDecimal(reader.ValueSpan, out var value) || reader.TryGetDecimal(out value)
        ? value
        : throw new JsonException("A number is out of the range of decimal.");

    /// <summary>
    /// The usual price or amount (<c>-</c>, up to 18 digits, a fraction, no exponent; a delete's amount is a zero) read
    /// digit by digit: the same decimal, trailing zeros and all, as <see cref="Utf8JsonReader.TryGetDecimal"/> gives, at
    /// a fraction of its cost. Anything else (an exponent, more digits, a negative zero, whose sign the reader keeps) is
    /// left to it. The reader has checked that the bytes are a JSON number.
    /// </summary>
    internal static bool TryPlainDecimal(ReadOnlySpan<byte> number, out decimal value)
    {
        value = default;
        var negative = number.Length > 0 && number[0] == (byte)'-';
        var i = negative ? 1 : 0;
        ulong digits = 0;
        var count = 0;
        var scale = -1;
        for (; i < number.Length; i++)
        {
            var b = number[i];
            if (b == (byte)'.' && scale < 0)
            {
                scale = 0;
                continue;
            }

            var digit = (uint)(b - '0');
            if (digit > 9 || ++count > 18)
            {
                return false;
            }

            digits = (digits * 10) + digit;
            if (scale >= 0)
            {
                scale++;
            }
        }

        if (count == 0 || (digits == 0 && negative))
        {
            return false;
        }

        value = new decimal((int)(uint)digits, (int)(uint)(digits >> 32), 0, negative, (byte)Math.Max(scale, 0));
        return true;
    }

    private static int CopyName(ref Utf8JsonReader reader, scoped Span<char> buffer)
    {
        // An ASCII name without escapes (every name the exchange writes) widens byte for char: no UTF-8 transcoding.
        if (!reader.ValueIsEscaped && System.Text.Ascii.ToUtf16(reader.ValueSpan, buffer, out var written) == System.Buffers.OperationStatus.Done)
        {
            return written;
        }

        if (reader.ValueIsEscaped && reader.ValueSpan.Length > buffer.Length)
        {
            var name = reader.GetString()!;
            return name.Length <= buffer.Length && name.AsSpan().TryCopyTo(buffer) ? name.Length : 0;
        }

        return reader.CopyString(buffer);
    }

    private static string? KnownWord(ref Utf8JsonReader reader) => reader.ValueIsEscaped ? null : KnownWord(reader.ValueSpan);

    /// <summary>The interned string of one of the exchange's few recurring words, or <see langword="null"/> for any other text.</summary>
    internal static string? KnownWord(ReadOnlySpan<byte> value)
    {
        if (value.Length > 9)
        {
            return null;
        }

        return value switch
        {
            _ when value.SequenceEqual("buy"u8) => "buy",
            _ when value.SequenceEqual("sell"u8) => "sell",
            _ when value.SequenceEqual("open"u8) => "open",
            _ when value.SequenceEqual("filled"u8) => "filled",
            _ when value.SequenceEqual("limit"u8) => "limit",
            _ when value.SequenceEqual("market"u8) => "market",
            _ when value.SequenceEqual("cancelled"u8) => "cancelled",
            _ => null,
        };
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => token.ToString(),
    };
}
