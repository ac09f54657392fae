using System.Globalization;
using System.Text;
using System.Text.Json;

namespace WebsockexAdapter.Rx.Deribit.Tests.Protocol;

/// <summary>The shared reads' shortcuts give exactly what the reader's own methods give, or leave the value to them.</summary>
public sealed class WireReaderTest
{
    /// <summary>Prices and amounts as the exchange writes them, and the numbers the shortcut must leave alone.</summary>
    public static TheoryData<string> Numbers => new()
    {
        "97412.5", "1000.0", "1000", "0.5", "-0.25", "12.500", "0.0001", "123456789012345678", "1234567890.12345678",
        "-123456789012345678", "1234567890123456789", "0.1234567890123456789", "0", "-0", "0.0", "-0.000", "1e3", "1.5E-2",
        "79228162514264337593543950335", "7922816251426433759354395033.5", "1e-30", "-7", "3.14159265358979323846",
    };

    [Theory]
    [MemberData(nameof(Numbers))]
    public void TryPlainDecimal_GivesTheReadersDecimal_BitForBit_OrLeavesTheNumberToIt(string text)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text));
        reader.Read();
        var readerHasIt = reader.TryGetDecimal(out var expected);

        if (WireReader.TryPlainDecimal(reader.ValueSpan, out var value))
        {
            Assert.True(readerHasIt);
            Assert.Equal(decimal.GetBits(expected), decimal.GetBits(value));
            Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), value.ToString(CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void TryPlainDecimal_TakesTheUsualPricesAndAmounts()
    {
        foreach (var text in new[] { "97412.5", "1000.0", "-0.25", "123456789012345678", "12.500", "0", "0.0" })
        {
            Assert.True(WireReader.TryPlainDecimal(Encoding.ASCII.GetBytes(text), out _), text);
        }
    }

    [Theory]
    [InlineData("\"BTC-PERPETUAL\"", "BTC-PERPETUAL", true)]
    [InlineData("\"BTC-PERPETUA\\u004C\"", "BTC-PERPETUAL", true)]
    [InlineData("\"BTC-PERPETUAL\"", "BTC-PERPETUAX", false)]
    [InlineData("\"BTC-PERPETUAL\"", "BTC-PERPETUAL2", false)]
    [InlineData("\"B\u00d8K\"", "B\u00d8K", true)]
    public void Instrument_IsTheKnownStringItself_WhenTheBytesSpellIt(string json, string known, bool same)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();

        var name = WireReader.Instrument(ref reader, known);

        Assert.Equal(same, ReferenceEquals(known, name));
        Assert.Equal(JsonSerializer.Deserialize<string>(json), name);
    }
}
