namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// A book stream as a subscriber that joins it late may read it: the changes before the next snapshot or reset are
/// left out (they apply to a book it never saw), everything from there on is handed on. Rx's <c>SkipWhile</c> does the
/// same with a wrapper observer and a predicate call per update; this is one observer and a flag.
/// </summary>
internal sealed class FromNextSnapshotOrReset(IObservable<ChannelMessage<BookUpdate>> updates) : IObservable<ChannelMessage<BookUpdate>>
{
    public IDisposable Subscribe(IObserver<ChannelMessage<BookUpdate>> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        return updates.Subscribe(new Joining(observer));
    }

    private sealed class Joining(IObserver<ChannelMessage<BookUpdate>> observer) : IObserver<ChannelMessage<BookUpdate>>
    {
        private bool _started;

        public void OnNext(ChannelMessage<BookUpdate> value)
        {
            if (!_started)
            {
                if (value.Data.Kind == BookUpdateKind.Change)
                {
                    return;
                }

                _started = true;
            }

            observer.OnNext(value);
        }

        public void OnError(Exception error) => observer.OnError(error);

        public void OnCompleted() => observer.OnCompleted();
    }
}
