using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
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
/// A notification's <c>data</c> to its typed form. <c>SourceGenerated</c> is how the adapter decoded it before: the
/// <see cref="JsonElement"/> the channel stream carries, through System.Text.Json's source-generated deserializer (the
/// same shapes, init-only records). <c>OnePass</c> is the adapter's decode now: one scan of the same bytes by the
/// plain readers (<c>PlainBookReader</c>, <c>PlainTickerReader</c>, <c>PlainTradesReader</c>), which leave any other
/// form to one <see cref="Utf8JsonReader"/> pass. The JSON parse of the frame is the routing benchmark's.
/// </summary>
[MemoryDiagnoser]
#pragma warning disable CA1001 // BenchmarkDotNet releases the fields in [GlobalCleanup]; it never disposes a benchmark class.
public class TypedDecodeBenchmarks
#pragma warning restore CA1001
{
    internal const string TickerData = """{"timestamp":1735689600123,"stats":{"volume_usd":1.2E9,"volume":12000.5,"price_change":1.2,"low":96000.0,"high":98500.0},"state":"open","settlement_price":97000.12,"open_interest":1234567890,"min_price":96000.0,"max_price":99000.0,"mark_price":97412.75,"last_price":97413.0,"interest_value":1.5,"instrument_name":"BTC-PERPETUAL","index_price":97400.12,"funding_8h":0.0001,"estimated_delivery_price":97400.12,"current_funding":0.0,"best_bid_price":97412.5,"best_bid_amount":18230.0,"best_ask_price":97413.0,"best_ask_amount":5000.0}""";
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

    [Benchmark(Baseline = true)]
    public object SourceGenerated() => Kind switch
    {
        NotificationKind.Book => _data.Deserialize(BaselineJson.Default.BaselineBookData)!,
        NotificationKind.Ticker => _data.Deserialize(BaselineJson.Default.Ticker)!,
        _ => _data.Deserialize(BaselineJson.Default.ListTrade)!,
    };

    [Benchmark]
    public object OnePass() => Kind switch
    {
        NotificationKind.Book => BookReader.Read(JsonMarshal.GetRawUtf8Value(_data), "BTC-PERPETUAL", grouped: false),
        NotificationKind.Ticker => TickerReader.Read(JsonMarshal.GetRawUtf8Value(_data), "BTC-PERPETUAL"),
        _ => TradeReader.ReadList(JsonMarshal.GetRawUtf8Value(_data), "BTC-PERPETUAL"),
    };

    private static string Notification(string channel, string data) =>
        $$"""{"jsonrpc":"2.0","method":"subscription","params":{"channel":"{{channel}}","data":{{data}}""" + "}}";
}

/// <summary>The book data record the adapter decoded with the source generator before its one-pass reader.</summary>
public sealed record BaselineBookData
{
    /// <summary>snapshot or change.</summary>
    public string Type { get; init; } = string.Empty;

    /// <summary>The exchange's timestamp.</summary>
    public long Timestamp { get; init; }

    /// <summary>The instrument.</summary>
    public string InstrumentName { get; init; } = string.Empty;

    /// <summary>This change's id.</summary>
    public long ChangeId { get; init; }

    /// <summary>The change it follows.</summary>
    public long? PrevChangeId { get; init; }

    /// <summary>Bid entries.</summary>
    public List<BookLevelChange> Bids { get; init; } = [];

    /// <summary>Ask entries.</summary>
    public List<BookLevelChange> Asks { get; init; } = [];
}

/// <summary>The source-generated deserializers of the baseline rows.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(BaselineBookData))]
[JsonSerializable(typeof(Ticker))]
[JsonSerializable(typeof(List<Trade>))]
internal sealed partial class BaselineJson : JsonSerializerContext;
