using System.Text.Json;
using WebsockexAdapter.Rx.Simulator.Protocol;

namespace WebsockexAdapter.Rx.Simulator.MarketData;

/// <summary><c>book.{i}.{group}.{depth}.{interval}</c>: a full snapshot of the top levels, <c>[price, amount]</c>, every time.</summary>
internal sealed class GroupedBookFeed(string channel, InstrumentSpec spec, int seed, int depth) : IChannelFeed
{
    private readonly BookModel _book = new(spec, seed);
    private bool _first = true;

    public bool IsRepeatable => true;

    public byte[] Next(long timestampMs)
    {
        if (!_first)
        {
            _book.Step();
        }

        _first = false;
        return Notifications.Subscription(channel, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("timestamp", timestampMs);
            w.WriteString("instrument_name", spec.Name);
            w.WriteNumber("change_id", _book.ChangeId);
            WriteSide(w, "bids", _book.Bids.Reverse().Take(depth));
            WriteSide(w, "asks", _book.Asks.Take(depth));
            w.WriteEndObject();
        });
    }

    private static void WriteSide(Utf8JsonWriter w, string name, IEnumerable<KeyValuePair<decimal, decimal>> levels)
    {
        w.WriteStartArray(name);
        foreach (var level in levels)
        {
            w.WriteStartArray();
            w.WriteNumberValue(level.Key);
            w.WriteNumberValue(level.Value);
            w.WriteEndArray();
        }

        w.WriteEndArray();
    }
}
