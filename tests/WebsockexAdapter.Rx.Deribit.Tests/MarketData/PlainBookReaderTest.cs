using System.Globalization;
using System.Text;
using System.Text.Json;

namespace WebsockexAdapter.Rx.Deribit.Tests.MarketData;

/// <summary>
/// The book data's shortcut reads what the exchange writes to exactly what the reader reads, and declines the rest:
/// whatever it accepts, however broken the bytes around it, the reader accepts too, with the same data.
/// </summary>
public sealed class PlainBookReaderTest
{
    private const string Instrument = "BTC-PERPETUAL";

    /// <summary>Book data as the exchange writes it, and a few legal variants the shortcut reads too.</summary>
    public static TheoryData<string, bool> Plain => new()
    {
        { """{"type":"change","timestamp":1735689600123,"prev_change_id":10000000041,"instrument_name":"BTC-PERPETUAL","change_id":10000000042,"bids":[["delete",97412.5,0.0]],"asks":[]}""", false },
        { """{"type":"change","timestamp":1554373911330,"prev_change_id":297217,"instrument_name":"BTC-PERPETUAL","change_id":297218,"bids":[["delete",5042.64,0]],"asks":[["new",5043.5,10000],["change",5044,-0.25]]}""", false },
        { """{"type":"snapshot","timestamp":1735689600123,"instrument_name":"BTC-PERPETUAL","change_id":10000000000,"bids":[["new",97412.5,1000.0],["new",97412.0,2460.0],["new",97411.5,1e3]],"asks":[["new",97413.0,1000.0]]}""", false },
        { """{"timestamp":1735689600123,"instrument_name":"BTC-PERPETUAL","change_id":105,"bids":[[97413.0,1000],[97412.5,2500.0]],"asks":[[97413.5,750]]}""", true },
        { """{"type":"change","prev_change_id":null,"change_id":7,"bids":[],"asks":[["new",1.5E-2,123456789012345678901234]],"extra":"x","flag":true,"none":null,"n":-0.5,"":0}""", false },
        { """{"type":"change","timestamp":-0,"prev_change_id":6,"change_id":7,"change_id":8,"bids":[["change",0.00,-0.000]],"asks":[]}""", false },
    };

    [Theory]
    [MemberData(nameof(Plain))]
    public void TryRead_ThePlainForm_IsReadToTheReadersData(string json, bool grouped)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);

        Assert.True(PlainBookReader.TryRead(utf8, Instrument, grouped, out var data));
        Assert.Equal(Describe(BookReader.ReadTokens(utf8, Instrument, grouped)), Describe(data));
        Assert.Same(Instrument, data.InstrumentName);
    }

    [Theory]
    [InlineData("""{ "type":"change","change_id":1,"bids":[],"asks":[]}""")]
    [InlineData("""{"type":"chan\u0067e","change_id":1,"bids":[],"asks":[]}""")]
    [InlineData("""{"type":"change","instrument_name":"ETH-PERPETUAL","change_id":1,"bids":[],"asks":[]}""")]
    [InlineData("""{"type":"change","change_id":1,"bids":[],"asks":[],"stats":{"a":1}}""")]
    [InlineData("""{"type":"change","change_id":1.0,"bids":[],"asks":[]}""")]
    [InlineData("""{"type":"change","change_id":1234567890123456789,"bids":[],"asks":[]}""")]
    [InlineData("""{"type":"change","change_id":1,"bids":[["move",1,2]],"asks":[]}""")]
    [InlineData("""{"type":"change","change_id":1,"bids":[["new",1,2]],"asks":[]} """)]
    [InlineData("""{}""")]
    public void TryRead_AnythingElse_IsLeftToTheReader(string json) =>
        Assert.False(PlainBookReader.TryRead(Encoding.UTF8.GetBytes(json), Instrument, grouped: false, out _));

    [Theory]
    [MemberData(nameof(Plain))]
    public void TryRead_EveryOneByteEditOfThePlainForm_IsReadAsTheReaderReadsItOrDeclined(string json, bool grouped)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        byte[] bytes = [.. "\"\\,:[]{}0123456789-+.eEntfulx _\t\u007f"u8, 0x00, 0xC3, 0xA9, 0xFF];
        var accepted = 0;
        for (var at = 0; at < utf8.Length; at++)
        {
            accepted += Check([.. utf8[..at], .. utf8[(at + 1)..]]);
            foreach (var b in bytes)
            {
                accepted += Check([.. utf8[..at], b, .. utf8[(at + 1)..]]);
                accepted += Check([.. utf8[..at], b, .. utf8[at..]]);
            }
        }

        // Edits that keep the form (another digit, a deleted digit) are read: the comparison did run.
        Assert.True(accepted > utf8.Length, $"only {accepted} edits were read");

        int Check(byte[] edited)
        {
            if (!PlainBookReader.TryRead(edited, Instrument, grouped, out var data))
            {
                return 0;
            }

            BookData expected;
            try
            {
                expected = BookReader.ReadTokens(edited, Instrument, grouped);
            }
            catch (JsonException error)
            {
                Assert.Fail($"The shortcut read what the reader refuses ({error.Message}): {Encoding.UTF8.GetString(edited)}");
                throw;
            }

            Assert.True(Describe(expected) == Describe(data), Encoding.UTF8.GetString(edited));
            return 1;
        }
    }

    /// <summary>Every field, each decimal as written (its scale shows: 1.0 is not 1).</summary>
    private static string Describe(BookData data) => string.Join(
        "|",
        data.IsSnapshot,
        data.Timestamp,
        data.InstrumentName,
        data.ChangeId,
        data.PrevChangeId?.ToString(CultureInfo.InvariantCulture) ?? "none",
        Levels(data.Bids),
        Levels(data.Asks));

    private static string Levels(BookLevelChange[] levels) => string.Join(
        ";", levels.Select(static l => string.Create(CultureInfo.InvariantCulture, $"{l.Action},{l.Price},{l.Amount},{decimal.IsNegative(l.Amount)}")));
}
