namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// The one <see cref="OrderBook"/> an instrument's book channel keeps for all the subscribers of
/// <see cref="DeribitAdapter.SubscribeOrderBook"/> and <see cref="DeribitAdapter.SubscribeTopOfBook"/>, with the views
/// made of it: a view of a given depth is made at most once per update, whoever asks. Used under the book stream's gate only.
/// </summary>
internal sealed class SharedOrderBook(string instrument)
{
    private readonly List<(int Depth, long Version, OrderBookView View)> _views = [];
    private long _version;

    public OrderBook Book { get; } = new();

    public void Apply(BookUpdate update)
    {
        Book.Apply(update);
        _version++;
    }

    /// <summary>The best <paramref name="depth"/> levels after the last update.</summary>
    public OrderBookView View(int depth)
    {
        for (var i = 0; i < _views.Count; i++)
        {
            if (_views[i].Depth == depth)
            {
                if (_views[i].Version != _version)
                {
                    _views[i] = (depth, _version, Book.View(depth, instrument));
                }

                return _views[i].View;
            }
        }

        var view = Book.View(depth, instrument);
        _views.Add((depth, _version, view));
        return view;
    }
}
