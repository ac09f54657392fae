using System.Text;

namespace WebsockexAdapter.Rx.Deribit.Tests.Protocol;

/// <summary>
/// The plain check says "valid" only for what a reader accepts as exactly one value, says it for the data the exchange
/// writes, and leaves everything else (malformed, or fine JSON it does not check: whitespace, escapes, non-ASCII, deep
/// nesting, a value that is not an object or array) to the reader.
/// </summary>
public sealed class PlainJsonCheckTest
{
    /// <summary>Data as the exchange writes it: a book change, a snapshot, a ticker with a word for a number, trades.</summary>
    private static readonly string[] Samples =
    [
        """{"type":"change","timestamp":1733400000123,"prev_change_id":10000000,"instrument_name":"BTC-PERPETUAL","change_id":10000001,"bids":[["new",50000.5,10.0]],"asks":[]}""",
        """{"type":"snapshot","timestamp":1,"instrument_name":"BTC-PERPETUAL","change_id":7,"bids":[["new",97412.5,1000.0],["new",97412.0,20]],"asks":[["new",97413.0,5E2]]}""",
        """{"timestamp":1735113600123,"stats":{"volume":null,"price_change":-1.25e-3,"low":0,"high":100},"state":"open","last_price":"undefined","greeks":{"delta":0.5,"vega":-0},"best_bid_price":0.0265,"estimated_delivery_price":97152.34}""",
        """[{"trade_seq":12,"trade_id":"BTC-3101","tick_direction":3,"price":0.0265,"iv":51.2,"direction":"buy","liquidation":"T","block_trade":false,"amount":1.5}]""",
        """{"a":[1,true,false,null,"x",{},[],-0.5E+10,0],"b":{"c":{"d":[[]]}}}""",
        "[]",
        "{}",
    ];

    public static TheoryData<string> ExchangeData => new(Samples);

    /// <summary>Fine JSON that the plain check leaves to the reader.</summary>
    public static TheoryData<string> NotPlain => new()
    {
        """{"name":"a\"b"}""",
        """{"name":"caf\u00e9"}""",
        """{"name":"café"}""",
        "{\"name\":\"\x7f\"}",
        " \t\r\n{ \"a\" : [ 1 , null ] } \n",
        "[true]",
        "\"text\"",
        "-0.5E+10",
        "null",
        new string('[', PlainJsonCheck.MaxDepth + 1) + new string(']', PlainJsonCheck.MaxDepth + 1),
    };

    /// <summary>Not one JSON value: the reader refuses each, and so does the plain check.</summary>
    public static TheoryData<string> Malformed => new()
    {
        "", " ", "{", "}", "[1,]", "{\"a\":1,}", "{,}", "{\"a\" 1}", "{\"a\":}", "{a:1}", "[1 2]", "{\"a\":1}}", "[1]]",
        "{\"a\":1} x", "[01]", "[1.]", "[.5]", "[1e]", "[1e+]", "[-]", "[--1]", "[+1]", "[tru]", "[nulll]", "[True]",
        "[\"a\tb\"]", "[\"open", "[\"a\"\"b\"]", "{\"a\":1 \"b\":2}", "[1,,2]", "{\"a\"::1}", "{\"a\":1:2}", "[}", "{]",
        "[NaN]", "[Infinity]", "[0x10]", "[1,2", "{\"a\":[1}",
    };

    [Theory]
    [MemberData(nameof(ExchangeData))]
    public void IsOneValue_TheExchangesData_IsPlain_AndTheReaderAgrees(string json)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);

        Assert.True(PlainJsonCheck.IsOneValue(utf8));
        Assert.True(WireReader.IsOneValue(utf8));
    }

    [Theory]
    [MemberData(nameof(NotPlain))]
    public void IsOneValue_FineJsonItDoesNotCheck_IsLeftToTheReader(string json)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);

        Assert.False(PlainJsonCheck.IsOneValue(utf8));
        Assert.True(WireReader.IsOneValue(utf8));
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void IsOneValue_Malformed_IsRefused_AsTheReaderRefusesIt(string json)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);

        Assert.False(WireReader.IsOneValue(utf8));
        Assert.False(PlainJsonCheck.IsOneValue(utf8));
    }

    [Fact]
    public void IsOneValue_OnMutatedExchangeData_NeverSaysValidWhereTheReaderRefuses()
    {
        // Single-byte edits of real-shaped data (deleted, replaced or inserted bytes from JSON's own alphabet) are where a
        // hand-written check goes wrong; a fixed seed keeps the cases the same on every run.
        var random = new Random(14);
        var alphabet = "{}[],:\"\\ 0123456789.-+eEtrufalsn\t\u00e9x"u8.ToArray();
        var samples = Samples.Select(Encoding.UTF8.GetBytes).ToList();
        var refused = 0;
        for (var n = 0; n < 20_000; n++)
        {
            var bytes = samples[n % samples.Count].ToList();
            for (var edits = 1 + random.Next(2); edits > 0; edits--)
            {
                var at = random.Next(bytes.Count + 1);
                switch (random.Next(3))
                {
                    case 0 when at < bytes.Count:
                        bytes.RemoveAt(at);
                        break;
                    case 1 when at < bytes.Count:
                        bytes[at] = alphabet[random.Next(alphabet.Length)];
                        break;
                    default:
                        bytes.Insert(at, alphabet[random.Next(alphabet.Length)]);
                        break;
                }
            }

            var mutated = bytes.ToArray();
            var reader = WireReader.IsOneValue(mutated);
            refused += reader ? 0 : 1;
            Assert.False(PlainJsonCheck.IsOneValue(mutated) && !reader, Encoding.UTF8.GetString(mutated));
        }

        // The mutations did reach malformed JSON, often.
        Assert.InRange(refused, 5_000, 20_000);
    }
}
