namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// A subscriber's best bid and ask from the shared book: nothing while the book is not ready, then the top each time a
/// best price or its amount changed, and once more on a new connection's book. One observer per subscriber in place of
/// a Where, a Select and a DistinctUntilChanged, which cost an observer and a call each per update.
/// </summary>
internal sealed class TopOfBookChanges(IObservable<ChannelMessage<SharedOrderBook>> books) : IObservable<ChannelMessage<TopOfBook>>
{
    public IDisposable Subscribe(IObserver<ChannelMessage<TopOfBook>> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        return books.Subscribe(new Changes(observer));
    }

    private sealed class Changes(IObserver<ChannelMessage<TopOfBook>> observer) : IObserver<ChannelMessage<SharedOrderBook>>
    {
        private bool _any;
        private int _epoch;
        private TopOfBook _last;

        public void OnNext(ChannelMessage<SharedOrderBook> value)
        {
            if (!value.Data.Book.TryGetTop(out var top))
            {
                return;
            }

            if (_any && value.Epoch == _epoch && top.BestBid == _last.BestBid && top.BestBidAmount == _last.BestBidAmount
                && top.BestAsk == _last.BestAsk && top.BestAskAmount == _last.BestAskAmount)
            {
                return;
            }

            _any = true;
            _epoch = value.Epoch;
            _last = top;
            observer.OnNext(value.With(top));
        }

        public void OnError(Exception error) => observer.OnError(error);

        public void OnCompleted() => observer.OnCompleted();
    }
}
