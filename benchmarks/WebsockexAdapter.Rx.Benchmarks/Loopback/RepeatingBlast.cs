using System.Globalization;
using System.Text;

namespace WebsockexAdapter.Rx.Benchmarks.Loopback;

/// <summary>
/// A stream without a chain to keep: a batch of notifications framed once and written again and again. Each message of
/// the batch carries its own number (a ticker's <c>timestamp</c>, a trade's <c>trade_seq</c>), so a contender's
/// checksum proves that every message arrived and was decoded.
/// </summary>
internal sealed class RepeatingBlast
{
    public const int BatchSize = 256;

    /// <summary>The first number of a batch: every message's is this plus its index in the batch.</summary>
    public const long FirstNumber = 1_735_689_600_000;

    private readonly int[] _payloadBytes;

    private RepeatingBlast(Func<int, string> notification)
    {
        var payloads = Enumerable.Range(0, BatchSize).Select(i => Encoding.UTF8.GetBytes(notification(i))).ToArray();
        _payloadBytes = [.. payloads.Select(p => p.Length)];
        Frames = new byte[payloads.Sum(p => ServerFrames.HeaderLength(p.Length) + p.Length)];
        var at = 0;
        foreach (var payload in payloads)
        {
            at += ServerFrames.Write(Frames.AsSpan(at), ServerFrames.Text, payload);
        }

        FrameEnds = [.. payloads.Select((p, i) => payloads.Take(i + 1).Sum(q => ServerFrames.HeaderLength(q.Length) + q.Length))];
    }

    /// <summary>A perpetual's ticker, every field the exchange sends for one (about 560 bytes).</summary>
    public static RepeatingBlast Ticker { get; } = new(i => Notification(
        "ticker.BTC-PERPETUAL.100ms",
        string.Create(CultureInfo.InvariantCulture, $$"""{"timestamp":{{FirstNumber + i}},"stats":{"volume_usd":1.2E9,"volume":12000.5,"price_change":1.2,"low":96000.0,"high":98500.0},"state":"open","settlement_price":97000.12,"open_interest":1234567890,"min_price":96000.0,"max_price":99000.0,"mark_price":{{97412.75m + (i % 11) * 0.25m}},"last_price":97413.0,"interest_value":1.5,"instrument_name":"BTC-PERPETUAL","index_price":97400.12,"funding_8h":0.0001,"estimated_delivery_price":97400.12,"current_funding":0.0,"best_bid_price":{{97412.5m - (i % 5) * 0.5m}},"best_bid_amount":{{18230 + i}}.0,"best_ask_price":97413.0,"best_ask_amount":5000.0}""")));

    /// <summary>One trade per notification, as a busy perpetual's trades channel sends them (about 300 bytes).</summary>
    public static RepeatingBlast Trades { get; } = new(i => Notification(
        "trades.BTC-PERPETUAL.100ms",
        string.Create(CultureInfo.InvariantCulture, $$"""[{"trade_seq":{{FirstNumber + i}},"trade_id":"BTC-{{300000 + i}}","timestamp":1735689600123,"tick_direction":{{i % 4}},"price":{{97413.0m + (i % 7) * 0.5m}},"mark_price":97412.75,"instrument_name":"BTC-PERPETUAL","index_price":97400.12,"direction":"{{(i % 2 == 0 ? "buy" : "sell")}}","amount":{{10 * (1 + (i % 9))}}.0}]""")));

    /// <summary>The whole batch, framed.</summary>
    public byte[] Frames { get; }

    /// <summary>Where the i-th frame of the batch ends.</summary>
    public int[] FrameEnds { get; }

    /// <summary>The payload bytes of a stream of <paramref name="messages"/> messages.</summary>
    public long PayloadBytes(int messages) => Sum(messages, i => _payloadBytes[i]);

    /// <summary>The sum of the messages' numbers over a stream of <paramref name="messages"/> messages.</summary>
    public static long NumberSum(int messages) => Sum(messages, i => FirstNumber + i);

    private static long Sum(int messages, Func<int, long> ofIndex)
    {
        long total = 0;
        for (var i = 0; i < messages; i++)
        {
            total += ofIndex(i % BatchSize);
        }

        return total;
    }

    private static string Notification(string channel, string data) =>
        $$"""{"jsonrpc":"2.0","method":"subscription","params":{"channel":"{{channel}}","data":{{data}}""" + "}}";
}
