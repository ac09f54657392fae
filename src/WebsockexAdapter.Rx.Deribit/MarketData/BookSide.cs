using System.Collections;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// One side of an <see cref="OrderBook"/>: its price levels sorted best first. The levels are kept worst first in one
/// array, so the changes that come most, near the top of the book, move few elements; once the array has grown to
/// the book's size, applying a change allocates nothing.
/// </summary>
internal sealed class BookSide(bool bids) : IReadOnlyList<BookLevel>
{
    private BookLevel[] _levels = new BookLevel[16];
    private int _count;

    public int Count => _count;

    /// <summary>The level <paramref name="index"/> places from the best (0 is the best).</summary>
    public BookLevel this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _count);
            return _levels[_count - 1 - index];
        }
    }

    /// <summary>The best level; the side must not be empty.</summary>
    public ref readonly BookLevel Best => ref _levels[_count - 1];

    public void Clear() => _count = 0;

    /// <summary>Sets the amount at <paramref name="price"/>; an amount of 0 removes the level.</summary>
    public void Set(decimal price, decimal amount)
    {
        var index = Find(price);
        if (index >= 0)
        {
            if (amount == 0)
            {
                Array.Copy(_levels, index + 1, _levels, index, _count - index - 1);
                _count--;
            }
            else
            {
                _levels[index] = new BookLevel(price, amount);
            }

            return;
        }

        if (amount == 0)
        {
            return;
        }

        index = ~index;
        if (_count == _levels.Length)
        {
            Array.Resize(ref _levels, _levels.Length * 2);
        }

        Array.Copy(_levels, index, _levels, index + 1, _count - index);
        _levels[index] = new BookLevel(price, amount);
        _count++;
    }

    /// <summary>Copies the best <paramref name="depth"/> levels, best first.</summary>
    public BookLevel[] Top(int depth)
    {
        var count = Math.Min(depth, _count);
        if (count == 0)
        {
            return [];
        }

        var top = new BookLevel[count];
        for (var i = 0; i < count; i++)
        {
            top[i] = _levels[_count - 1 - i];
        }

        return top;
    }

    public IEnumerator<BookLevel> GetEnumerator()
    {
        for (var i = _count - 1; i >= 0; i--)
        {
            yield return _levels[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// The index of <paramref name="price"/>, or the complement of where it belongs. Stored worst first: ascending
    /// for bids (the best bid is the highest, last), descending for asks (the best ask is the lowest, last).
    /// </summary>
    private int Find(decimal price)
    {
        int low = 0, high = _count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var order = _levels[middle].Price.CompareTo(price);
            if (order == 0)
            {
                return middle;
            }

            if (order < 0 == bids)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return ~low;
    }
}
