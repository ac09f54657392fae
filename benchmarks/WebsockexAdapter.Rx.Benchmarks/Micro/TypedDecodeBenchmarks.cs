using System.Text.Json;
using BenchmarkDotNet.Attributes;
using WebsockexAdapter.Rx.Benchmarks.Loopback;
using WebsockexAdapter.Rx.Deribit;

namespace WebsockexAdapter.Rx.Benchmarks.Micro;

/// <summary>The Deribit channels the typed decode benchmarks read.</summary>
public enum NotificationKind
{
    /// <summary>A <c>book.BTC-PERPETUAL.100ms</c> change, one level.</summary>
    Book,

    /// <summary>A <c>ticker.BTC-PERPETUAL.100ms</c> notification.</summary>
    Ticker,

    /// <summary>A <c>trades.BTC-PERPETUAL.100ms</c> notification with three trades.</summary>
    Trades,
}

/// <summary>
/// What the adapter's typed streams do with each notification's <c>data</c>: its source-generated deserializer, from
/// the <see cref="JsonElement"/> the channel stream carries (the JSON parse of the frame is the routing benchmark's).
/// </summary>
[MemoryDiagnoser]
#pragma warning disable CA1001 // BenchmarkDotNet releases the fields in [GlobalCleanup]; it never disposes a benchmark class.
public class TypedDecodeBenchmarks
#pragma warning restore CA1001
{
    private const string TickerData = """{"timestamp":1735689600123,"stats":{"volume_usd":1.2E9,"volume":12000.5,"price_change":1.2,"low":96000.0,"high":98500.0},"state":"open","settlement_price":97000.12,"open_interest":1234567890,"min_price":96000.0,"max_price":99000.0,"mark_price":97412.75,"last_price":97413.0,"interest_value":1.5,"instrument_name":"BTC-PERPETUAL","index_price":97400.12,"funding_8h":0.0001,"estimated_delivery_price":97400.12,"current_funding":0.0,"best_bid_price":97412.5,"best_bid_amount":18230.0,"best_ask_price":97413.0,"best_ask_amount":5000.0}""";
    private const string TradesData = """[{"trade_seq":1001,"trade_id":"BTC-1001","timestamp":1735689600123,"tick_direction":0,"price":97413.0,"mark_price":97412.75,"instrument_name":"BTC-PERPETUAL","index_price":97400.12,"direction":"buy","amount":100.0},{"trade_seq":1002,"trade_id":"BTC-1002","timestamp":1735689600124,"tick_direction":1,"price":97413.0,"mark_price":97412.75,"instrument_name":"BTC-PERPETUAL","index_price":97400.12,"direction":"buy","amount":250.0},{"trade_seq":1003,"trade_id":"BTC-1003","timestamp":1735689600125,"tick_direction":2,"price":97412.5,"mark_price":97412.75,"instrument_name":"BTC-PERPETUAL","index_price":97400.12,"direction":"sell","amount":50.0}]""";

    private JsonDocument _document = null!;
    private JsonElement _data;

    [Params(NotificationKind.Book, NotificationKind.Ticker, NotificationKind.Trades)]
    public NotificationKind Kind { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _document = Kind switch
        {
            NotificationKind.Book => JsonDocument.Parse(BookNotifications.Change(BookNotifications.FirstChangeId + 1, 0)),
            NotificationKind.Ticker => JsonDocument.Parse(Notification("ticker.BTC-PERPETUAL.100ms", TickerData)),
            _ => JsonDocument.Parse(Notification("trades.BTC-PERPETUAL.100ms", TradesData)),
        };
        _data = _document.RootElement.GetProperty("params").GetProperty("data");
    }

    [GlobalCleanup]
    public void Cleanup() => _document.Dispose();

    [Benchmark]
    public object Decode() => Kind switch
    {
        NotificationKind.Book => _data.Deserialize(DeribitJson.Default.BookData)!,
        NotificationKind.Ticker => _data.Deserialize(DeribitJson.Default.Ticker)!,
        _ => _data.Deserialize(DeribitJson.Default.ListTrade)!,
    };

    private static string Notification(string channel, string data) =>
        $$"""{"jsonrpc":"2.0","method":"subscription","params":{"channel":"{{channel}}","data":{{data}}""" + "}}";
}
