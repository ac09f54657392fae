using System.Text;
using WebsockexAdapter.Rx.Deribit.Tests.MarketData;
using WebsockexAdapter.Rx.Deribit.Tests.Support;

namespace WebsockexAdapter.Rx.Deribit.Tests.Protocol;

/// <summary>
/// The scan's guess of the next member: after one object it finds each member of an object in the same order by its
/// guess, and a wrong or stale guess (another order, a name that is a prefix of another) costs the lookup, never a value.
/// </summary>
public sealed class MemberNamesTest
{
    [Fact]
    public void TryGuess_AfterOneObject_FindsEveryMemberOfTheSameOrder()
    {
        var names = Names();
        const string Json = """{"volume_usd":1,"volume":2,"low":3,"high":4}""";

        Scan(names, Json);

        var utf8 = Encoding.ASCII.GetBytes(Json);
        var i = 1;
        var previous = names.ObjectStart;
        var guessed = new List<int>();
        while (true)
        {
            Assert.True(names.TryGuess(utf8.AsSpan(i), previous, out var slot, out var length), $"no guess at {i}");
            guessed.Add(names.MemberAt(slot));
            previous = slot;
            i = PlainJson.ScalarEnd(utf8, i + length);
            Assert.NotEqual(PlainJson.NotRead, i);
            if (utf8[i] != ',')
            {
                break;
            }

            i++;
        }

        Assert.Equal([2, 1, 3, 4], guessed);
    }

    [Fact]
    public void MemberEnd_AfterAnotherOrder_FindsEachNameByItsLookup()
    {
        var names = Names();
        Scan(names, """{"volume_usd":1,"volume":2,"low":3,"high":4}""");

        Assert.Equal([4, 3, 1, 2], Scan(names, """{"high":1,"low":2,"volume":3,"volume_usd":4}"""));
        Assert.Equal([2, 1, 3, 4], Scan(names, """{"volume_usd":1,"volume":2,"low":3,"high":4}"""));
    }

    [Fact]
    public void MemberEnd_AGuessWhoseNameIsAPrefixOfTheNext_IsNotTaken()
    {
        var names = Names();
        Scan(names, """{"low":1,"volume":2}""");

        Assert.Equal([3, 2], Scan(names, """{"low":1,"volume_usd":2}"""));
        Assert.Equal([3, 1], Scan(names, """{"low":1,"volume":2}"""));
        Assert.Equal([3, 0, 1], Scan(names, """{"low":1,"volume_use":2,"volume":3}"""));
    }

    [Fact]
    public void Read_TickersOfTwoOrdersInTurn_GiveTheReadersTickers()
    {
        var instrument = "BTC-27DEC24-100000-C";
        var option = PlainTickerReaderTest.Plain.Select(row => (string)row[0]).First(json => json.Contains(instrument, StringComparison.Ordinal));
        var perpetual = PlainTickerReaderTest.Plain.Select(row => (string)row[0]).First(json => json.Contains("\"interest_value\"", StringComparison.Ordinal));
        var reordered = "{" + string.Join(",", Members(perpetual).Reverse()) + "}";

        for (var round = 0; round < 3; round++)
        {
            foreach (var json in new[] { option, perpetual, reordered, perpetual })
            {
                var utf8 = Encoding.UTF8.GetBytes(json);

                Assert.True(PlainTickerReader.TryRead(utf8, instrument, out var ticker));
                Assert.Equal(DecodedText.Of(TickerReader.ReadTokens(utf8, instrument)), DecodedText.Of(ticker));
            }
        }
    }

    private static MemberNames<int> Names() => new(("volume", 1), ("volume_usd", 2), ("high", 4), ("low", 3));

    /// <summary>The members of an object of numbers, each as what it stands for (0: not a name of the table).</summary>
    private static List<int> Scan(MemberNames<int> names, string json)
    {
        var utf8 = Encoding.ASCII.GetBytes(json);
        var i = 1;
        var previous = names.ObjectStart;
        var members = new List<int>();
        while (true)
        {
            i = PlainJson.MemberEnd(utf8, i, names, ref previous, out var member);
            Assert.NotEqual(PlainJson.NotRead, i);
            members.Add(member);
            i = PlainJson.ScalarEnd(utf8, i);
            Assert.NotEqual(PlainJson.NotRead, i);
            if (utf8[i] != ',')
            {
                break;
            }

            i++;
        }

        Assert.NotEqual(PlainJson.NotRead, PlainJson.After(utf8, i, (byte)'}'));
        return members;
    }

    /// <summary>A plain object's top-level members as text, each with its value (the nested objects kept whole).</summary>
    private static IEnumerable<string> Members(string json)
    {
        var depth = 0;
        var start = 1;
        for (var k = 1; k < json.Length - 1; k++)
        {
            depth += json[k] switch { '{' or '[' => 1, '}' or ']' => -1, _ => 0 };
            if (depth == 0 && json[k] == ',')
            {
                yield return json[start..k];
                start = k + 1;
            }
        }

        yield return json[start..^1];
    }
}
