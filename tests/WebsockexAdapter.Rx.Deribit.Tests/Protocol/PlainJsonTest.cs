using System.Globalization;
using System.Text;
using System.Text.Json;

namespace WebsockexAdapter.Rx.Deribit.Tests.Protocol;

/// <summary>The one-scan decoders' numbers are the reader's decimals, bit for bit, whether the scan reads them or leaves them to it.</summary>
public sealed class PlainJsonTest
{
    /// <summary>Numbers with an exponent as the exchange writes greeks, funding and volumes.</summary>
    public static TheoryData<string> ExponentForms => new()
    {
        "1.2E9", "1.2e-05", "1.20e-05", "-3.4E-2", "5.1e-06", "9.85e4", "1E+2", "12.5e0", "1e-28", "123456789012345678e-10",
        "123456789012345678e10", "0.000e-3", "0e5", "100e-2", "1.0E1",
    };

    [Theory]
    [MemberData(nameof(ExponentForms))]
    public void ExactDecimalEnd_AnExponentForm_IsReadInTheScanToTheReadersDecimal(string text)
    {
        var utf8 = Encoding.ASCII.GetBytes(text + "}");

        var end = PlainJson.ExactDecimalEnd(utf8, 0, out var value);

        Assert.Equal(text.Length, end);
        Assert.Equal(Bits(ReadersDecimal(text)), Bits(value));
    }

    [Theory]
    [InlineData("1.5e-28")]
    [InlineData("1e-29")]
    [InlineData("1e29")]
    [InlineData("1e400")]
    [InlineData("1e0005")]
    [InlineData("-0e1")]
    [InlineData("1234567890123456789e0")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData("01e1")]
    public void ExactDecimalEnd_WhatNeedsRoundingOrIsNotItsForm_IsLeftToTheReader(string text) =>
        Assert.Equal(PlainJson.NotRead, PlainJson.ExactDecimalEnd(Encoding.ASCII.GetBytes(text + "}"), 0, out _));

    [Fact]
    public void DecimalEnd_GeneratedNumbers_GiveTheReadersDecimalBitForBit()
    {
        var random = new Random(14);
        var scanned = 0;
        for (var n = 0; n < 50_000; n++)
        {
            var text = GeneratedNumber(random);
            var utf8 = Encoding.ASCII.GetBytes(text + ",");
            var readerHasIt = TryReadersDecimal(text, out var expected);

            var exact = PlainJson.ExactDecimalEnd(utf8, 0, out var scannedValue);
            var read = PlainJson.DecimalEnd(utf8, 0, out var value);
            var scans = exact != PlainJson.NotRead;
            var decodes = read != PlainJson.NotRead;

            Assert.Equal(readerHasIt, decodes);
            if (scans)
            {
                scanned++;
                Assert.True(readerHasIt, text);
                Assert.True(Bits(expected).SequenceEqual(Bits(scannedValue)), $"{text}: the reader's {Show(expected)}, the scan's {Show(scannedValue)}");
                Assert.Equal(text.Length, exact);
            }

            if (decodes)
            {
                Assert.True(Bits(expected).SequenceEqual(Bits(value)), $"{text}: the reader's {Show(expected)}, the decode's {Show(value)}");
                Assert.Equal(text.Length, read);
            }
        }

        // Most generated numbers are in the scan's form: the comparison did run on it.
        Assert.True(scanned > 25_000, string.Create(CultureInfo.InvariantCulture, $"only {scanned} numbers were read by the scan"));
    }

    [Theory]
    [InlineData("\"undefined\"")]
    [InlineData("\"expired\"")]
    [InlineData("\"market_price\"")]
    [InlineData("null")]
    public void NumberOrNoneEnd_AWordOrNull_IsNone(string json)
    {
        var end = PlainJson.NumberOrNoneEnd(Encoding.ASCII.GetBytes(json + "}"), 0, out var value);

        Assert.Null(value);
        Assert.Equal(json.Length, end);
    }

    /// <summary>A JSON number: a sign, leading zeros in the fraction, trailing zeros, up to 30 digits, an exponent of either case and sign up to 40.</summary>
    private static string GeneratedNumber(Random random)
    {
        var text = new StringBuilder();
        if (random.Next(3) == 0)
        {
            text.Append('-');
        }

        var whole = random.Next(4) == 0 ? "0" : Digits(random, random.Next(1, 20)).TrimStart('0');
        text.Append(whole.Length == 0 ? "0" : whole);
        if (random.Next(3) > 0)
        {
            text.Append('.').Append(random.Next(4) == 0 ? new string('0', random.Next(1, 6)) : string.Empty).Append(Digits(random, random.Next(1, 12)));
        }

        if (random.Next(3) > 0)
        {
            text.Append(random.Next(2) == 0 ? 'e' : 'E').Append(random.Next(3) switch { 0 => "-", 1 => "+", _ => string.Empty });
            text.Append(random.Next(4) == 0 ? random.Next(0, 41) : random.Next(0, 11));
        }

        return text.ToString();
    }

    private static string Digits(Random random, int count) =>
        string.Create(count, random, static (chars, r) =>
        {
            for (var k = 0; k < chars.Length; k++)
            {
                // Zeros more often than a uniform digit, so trailing and inner zeros (scales kept) are common.
                chars[k] = r.Next(3) == 0 ? '0' : (char)('0' + r.Next(10));
            }
        });

    private static bool TryReadersDecimal(string text, out decimal value)
    {
        var reader = new Utf8JsonReader(Encoding.ASCII.GetBytes(text));
        reader.Read();
        return reader.TryGetDecimal(out value);
    }

    private static decimal ReadersDecimal(string text) =>
        TryReadersDecimal(text, out var value) ? value : throw new InvalidOperationException($"The reader has no decimal for {text}.");

    private static int[] Bits(decimal value) => decimal.GetBits(value);

    private static string Show(decimal value) => string.Create(CultureInfo.InvariantCulture, $"{value} ({string.Join(",", Bits(value))})");
}
