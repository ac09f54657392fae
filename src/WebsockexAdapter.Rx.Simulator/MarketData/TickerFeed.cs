using WebsockexAdapter.Rx.Simulator.Protocol;

namespace WebsockexAdapter.Rx.Simulator.MarketData;

/// <summary><c>ticker.{i}.{interval}</c>: a seeded random walk of the mark price with a one-tick spread around it.</summary>
internal sealed class TickerFeed(string channel, InstrumentSpec spec, int seed) : IChannelFeed
{
    private readonly Random _random = new(seed);
    private decimal _mark = spec.ReferencePrice;
    private decimal _high = spec.ReferencePrice;
    private decimal _low = spec.ReferencePrice;

    public bool IsRepeatable => true;

    public byte[] Next(long timestampMs)
    {
        _mark += (_random.Next(-3, 4) * spec.TickSize);
        _high = Math.Max(_high, _mark);
        _low = Math.Min(_low, _mark);
        var bid = _mark - spec.TickSize;
        var ask = _mark + spec.TickSize;
        var last = _random.Next(2) == 0 ? bid : ask;
        return Notifications.Subscription(channel, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("timestamp", timestampMs);
            w.WriteString("instrument_name", spec.Name);
            w.WriteString("state", "open");
            w.WriteNumber("best_bid_price", bid);
            w.WriteNumber("best_bid_amount", _random.Next(1, 101) * 10m);
            w.WriteNumber("best_ask_price", ask);
            w.WriteNumber("best_ask_amount", _random.Next(1, 101) * 10m);
            w.WriteNumber("last_price", last);
            w.WriteNumber("mark_price", _mark);
            w.WriteNumber("index_price", _mark);
            w.WriteNumber("open_interest", 100_000_000m);
            w.WriteNumber("min_price", spec.ReferencePrice * 0.95m);
            w.WriteNumber("max_price", spec.ReferencePrice * 1.05m);
            w.WriteNumber("current_funding", 0m);
            w.WriteNumber("funding_8h", 0.0001m);
            w.WriteStartObject("stats");
            w.WriteNumber("high", _high);
            w.WriteNumber("low", _low);
            w.WriteNumber("volume", 12_345m);
            w.WriteNumber("price_change", Math.Round((_mark - spec.ReferencePrice) / spec.ReferencePrice * 100m, 4));
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }
}
