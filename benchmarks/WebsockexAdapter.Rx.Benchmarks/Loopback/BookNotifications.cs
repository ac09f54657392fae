using System.Globalization;
using System.Text;

namespace WebsockexAdapter.Rx.Benchmarks.Loopback;

/// <summary>
/// Deribit <c>book.BTC-PERPETUAL.100ms</c> notifications as the exchange writes them: one snapshot, then changes whose
/// <c>prev_change_id</c> is the previous <c>change_id</c>. Ids are written with a fixed width, so a pre-encoded change
/// can be renumbered in place (<see cref="ChangeIdWidth"/> digits) without changing its length.
/// </summary>
internal static class BookNotifications
{
    /// <summary>The channel every notification is on.</summary>
    public const string Channel = "book.BTC-PERPETUAL.100ms";

    /// <summary>Digits of every change id; real Deribit ids have this many.</summary>
    public const int ChangeIdWidth = 11;

    /// <summary>The first change id of a stream: the snapshot's.</summary>
    public const long FirstChangeId = 10_000_000_000;

    private const long Timestamp = 1_735_689_600_123;
    private static readonly string[] Actions = ["new", "change", "delete"];

    /// <summary>A snapshot with <paramref name="levels"/> bids and as many asks.</summary>
    public static byte[] Snapshot(long changeId, int levels)
    {
        var json = new StringBuilder(128 + levels * 60);
        json.Append(CultureInfo.InvariantCulture, $$"""{"jsonrpc":"2.0","method":"subscription","params":{"channel":"{{Channel}}","data":{"type":"snapshot","timestamp":{{Timestamp}},"instrument_name":"BTC-PERPETUAL","change_id":{{Id(changeId)}},"bids":[""");
        AppendLevels(json, levels, 97_412.5m, -0.5m);
        json.Append("],\"asks\":[");
        AppendLevels(json, levels, 97_413.0m, 0.5m);
        json.Append("]}}}");
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    /// <summary>
    /// The <paramref name="index"/>-th change of a stream: one entry, on the bid or the ask side, about 265 bytes. The
    /// entry varies with the index, so consecutive messages are not byte-for-byte equal.
    /// </summary>
    /// <param name="changeId">Its id; the previous one is one less.</param>
    /// <param name="index">Its place in the stream, which picks the entry.</param>
    /// <param name="timestamp">The <c>timestamp</c> field; by default a fixed time plus the index.</param>
    public static byte[] Change(long changeId, int index, long? timestamp = null)
    {
        // Both ids must keep the fixed width: the first change follows the snapshot's id.
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(changeId, FirstChangeId);
        var action = Actions[index % Actions.Length];
        var side = index % 2 == 0 ? "bids" : "asks";
        var other = index % 2 == 0 ? "asks" : "bids";
        var price = (index % 2 == 0 ? 97_412.5m : 97_413.0m) + (index % 7) * (index % 2 == 0 ? -0.5m : 0.5m);
        var amount = action == "delete" ? 0m : 1_000m + (index % 13) * 730m;
        var json = string.Create(CultureInfo.InvariantCulture, $$"""{"jsonrpc":"2.0","method":"subscription","params":{"channel":"{{Channel}}","data":{"type":"change","timestamp":{{timestamp ?? Timestamp + index}},"prev_change_id":{{Id(changeId - 1)}},"instrument_name":"BTC-PERPETUAL","change_id":{{Id(changeId)}},"{{side}}":[["{{action}}",{{price:0.0}},{{amount:0.0}}]],"{{other}}":[]""") + "}}}";
        return Encoding.UTF8.GetBytes(json);
    }

    /// <summary>Where the two ids of a change start in its payload: <c>prev_change_id</c>, then <c>change_id</c>.</summary>
    public static (int Previous, int Current) IdOffsets(ReadOnlySpan<byte> change)
    {
        var previous = change.IndexOf("\"prev_change_id\":"u8) + "\"prev_change_id\":".Length;
        var current = change.IndexOf(",\"change_id\":"u8) + ",\"change_id\":".Length;
        return (previous, current);
    }

    /// <summary>Writes <paramref name="id"/> as <see cref="ChangeIdWidth"/> digits.</summary>
    public static void WriteId(Span<byte> digits, long id)
    {
        for (var i = ChangeIdWidth - 1; i >= 0; i--)
        {
            digits[i] = (byte)('0' + (id % 10));
            id /= 10;
        }
    }

    private static string Id(long id) => id.ToString("D11", CultureInfo.InvariantCulture);

    private static void AppendLevels(StringBuilder json, int levels, decimal start, decimal step)
    {
        for (var i = 0; i < levels; i++)
        {
            if (i > 0)
            {
                json.Append(',');
            }

            json.Append(CultureInfo.InvariantCulture, $"[\"new\",{start + i * step:0.0},{1_000m + (i % 13) * 730m:0.0}]");
        }
    }
}
