using WebsockexAdapter.Rx.Simulator.Protocol;

namespace WebsockexAdapter.Rx.Simulator.MarketData;

/// <summary>
/// <c>trades.{i}.{interval}</c>: one to <paramref name="maxPerMessage"/> seeded trades per notification, with rising
/// <c>trade_seq</c>.
/// </summary>
internal sealed class TradesFeed(string channel, InstrumentSpec spec, int seed, int maxPerMessage = 2) : IChannelFeed
{
    private readonly Random _random = new(seed);
    private long _tradeSeq = 1 + new Random(seed).Next(100_000);
    private decimal _price = spec.ReferencePrice;

    public bool IsRepeatable => true;

    public byte[] Next(long timestampMs)
    {
        var count = _random.Next(1, maxPerMessage + 1);
        return Notifications.Subscription(channel, w =>
        {
            w.WriteStartArray();
            for (var i = 0; i < count; i++)
            {
                var step = _random.Next(-2, 3);
                _price += step * spec.TickSize;
                var seq = _tradeSeq++;
                w.WriteStartObject();
                w.WriteNumber("trade_seq", seq);
                w.WriteString("trade_id", $"{spec.Currency}-{seq}");
                w.WriteNumber("timestamp", timestampMs);
                w.WriteNumber("tick_direction", step > 0 ? 0 : step < 0 ? 2 : 1);
                w.WriteNumber("price", _price);
                w.WriteNumber("mark_price", _price);
                w.WriteNumber("index_price", _price);
                w.WriteString("instrument_name", spec.Name);
                w.WriteString("direction", _random.Next(2) == 0 ? "buy" : "sell");
                w.WriteNumber("amount", _random.Next(1, 51) * 10m);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }
}
