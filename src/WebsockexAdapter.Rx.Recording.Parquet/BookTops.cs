using System.Text.Json;

namespace WebsockexAdapter.Rx.Recording.Parquet;

/// <summary>
/// The book of each book channel, kept from its notifications (a snapshot replaces it, a change applies its levels,
/// a new connection clears it) so each row can carry the top after its message.
/// </summary>
internal sealed class BookTops
{
    private readonly Dictionary<string, (SortedDictionary<double, double> Bids, SortedDictionary<double, double> Asks)> _books = new(StringComparer.Ordinal);

    public void Clear() => _books.Clear();

    public void Apply(string channel, JsonElement data, RecordingRow row)
    {
        if (!_books.TryGetValue(channel, out var book))
        {
            book = (new SortedDictionary<double, double>(Comparer<double>.Create(static (a, b) => b.CompareTo(a))), new SortedDictionary<double, double>());
            _books[channel] = book;
        }

        if (data.TryGetProperty("type"u8, out var type) && type.ValueEquals("snapshot"u8))
        {
            book.Bids.Clear();
            book.Asks.Clear();
        }

        ApplySide(book.Bids, data, "bids"u8);
        ApplySide(book.Asks, data, "asks"u8);
        if (book.Bids.Count > 0)
        {
            var best = book.Bids.First();
            (row.BestBid, row.BestBidAmount) = (best.Key, best.Value);
        }

        if (book.Asks.Count > 0)
        {
            var best = book.Asks.First();
            (row.BestAsk, row.BestAskAmount) = (best.Key, best.Value);
        }
    }

    /// <summary>Levels are <c>["new"|"change"|"delete", price, amount]</c>, or <c>[price, amount]</c> in some snapshots.</summary>
    private static void ApplySide(SortedDictionary<double, double> side, JsonElement data, ReadOnlySpan<byte> name)
    {
        if (!data.TryGetProperty(name, out var levels) || levels.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var level in levels.EnumerateArray())
        {
            if (level.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            var length = level.GetArrayLength();
            var offset = length == 3 ? 1 : 0;
            if (length - offset != 2 || !level[offset].TryGetDouble(out var price) || !level[offset + 1].TryGetDouble(out var amount))
            {
                continue;
            }

            if ((length == 3 && level[0].ValueEquals("delete"u8)) || amount == 0)
            {
                side.Remove(price);
            }
            else
            {
                side[price] = amount;
            }
        }
    }
}
