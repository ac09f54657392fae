using System.Reactive.Linq;
using WebsockexAdapter.Rx.Deribit;

namespace WebsockexAdapter.Rx.Demo.Gateway;

/// <summary>
/// The strategy every host runs, written once against <see cref="IDeribitMarketData"/>: a book built from the book
/// stream, its mid price, and what it went through (resets, epochs). It runs unchanged on the gateway's own adapter
/// and on each <c>GatewayMarketData</c>; <see cref="TopAt"/> lets the demo compare their books change by change.
/// </summary>
internal sealed class MidStrategy : IDisposable
{
    private const int Remembered = 4_096;
    private readonly object _gate = new();
    private readonly Dictionary<long, TopOfBook> _tops = [];
    private readonly Queue<long> _order = new();
    private readonly IDisposable _subscription;
    private TopOfBook? _last;
    private long _updates;
    private int _resets;
    private int _epoch;
    private string? _error;

    public MidStrategy(string name, IDeribitMarketData source, string instrument)
    {
        Name = name;
        _subscription = source.SubscribeBook(instrument)
            .Scan((Book: new OrderBook(), Message: default(ChannelMessage<BookUpdate>)), static (state, message) => (state.Book.Apply(message.Data), message))
            .Subscribe(state => OnBook(state.Book, state.Message), OnError);
    }

    public string Name { get; }

    /// <summary>Updates, resets, the last epoch and the top of the book, read together.</summary>
    public (long Updates, int Resets, int Epoch, TopOfBook? Top, string? Error) Now()
    {
        lock (_gate)
        {
            return (_updates, _resets, _epoch, _last, _error);
        }
    }

    /// <summary>The top of this strategy's book right after change <paramref name="changeId"/>, if it saw it recently.</summary>
    public TopOfBook? TopAt(long changeId)
    {
        lock (_gate)
        {
            return _tops.TryGetValue(changeId, out var top) ? top : null;
        }
    }

    public void Dispose() => _subscription.Dispose();

    private void OnError(Exception error)
    {
        lock (_gate)
        {
            _error = error.Message;
        }
    }

    private void OnBook(OrderBook book, ChannelMessage<BookUpdate> message)
    {
        lock (_gate)
        {
            _updates++;
            _epoch = message.Epoch;
            if (message.Data.Kind == BookUpdateKind.Reset)
            {
                _resets++;
                _last = null;
                return;
            }

            if (!book.IsReady)
            {
                return;
            }

            var top = book.Top();
            _last = top;
            if (_tops.TryAdd(top.ChangeId, top))
            {
                _order.Enqueue(top.ChangeId);
                if (_order.Count > Remembered)
                {
                    _tops.Remove(_order.Dequeue());
                }
            }
        }
    }
}
