using System.Text.Json;
using WebsockexAdapter.Rx.Simulator.Protocol;

namespace WebsockexAdapter.Rx.Simulator.MarketData;

/// <summary>
/// <c>book.{i}.{interval}</c>: a snapshot first (every entry action <c>new</c>), then changes whose
/// <c>prev_change_id</c> is the previous notification's <c>change_id</c>, unless a gap was injected.
/// </summary>
internal sealed class BookFeed(string channel, InstrumentSpec spec, int seed, Func<bool> takeGap) : IChannelFeed
{
    private readonly BookModel _book = new(spec, seed);
    private bool _snapshotSent;

    public bool IsRepeatable => false;

    public byte[] Next(long timestampMs)
    {
        if (!_snapshotSent)
        {
            _snapshotSent = true;
            var bids = _book.Bids.Reverse().Select(l => new BookEntry("new", l.Key, l.Value)).ToList();
            var asks = _book.Asks.Select(l => new BookEntry("new", l.Key, l.Value)).ToList();
            return Write("snapshot", timestampMs, null, _book.ChangeId, bids, asks);
        }

        var previous = _book.ChangeId;
        if (takeGap())
        {
            // A change the client never saw: its id is skipped, so the next prev_change_id does not match.
            _book.Step();
            previous = _book.ChangeId;
        }

        var (changedBids, changedAsks) = _book.Step();
        return Write("change", timestampMs, previous, _book.ChangeId, changedBids, changedAsks);
    }

    private byte[] Write(string type, long timestampMs, long? previous, long changeId, List<BookEntry> bids, List<BookEntry> asks) =>
        Notifications.Subscription(channel, w =>
        {
            w.WriteStartObject();
            w.WriteString("type", type);
            w.WriteNumber("timestamp", timestampMs);
            w.WriteString("instrument_name", spec.Name);
            if (previous is { } prev)
            {
                w.WriteNumber("prev_change_id", prev);
            }

            w.WriteNumber("change_id", changeId);
            WriteSide(w, "bids", bids);
            WriteSide(w, "asks", asks);
            w.WriteEndObject();
        });

    private static void WriteSide(Utf8JsonWriter w, string name, List<BookEntry> entries)
    {
        w.WriteStartArray(name);
        foreach (var entry in entries)
        {
            w.WriteStartArray();
            w.WriteStringValue(entry.Action);
            w.WriteNumberValue(entry.Price);
            w.WriteNumberValue(entry.Amount);
            w.WriteEndArray();
        }

        w.WriteEndArray();
    }
}
