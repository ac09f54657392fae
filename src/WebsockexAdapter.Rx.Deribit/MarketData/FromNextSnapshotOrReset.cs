namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// A book stream as a subscriber that joins it late may read it: the changes before the next snapshot or reset are
/// left out (they apply to a book it never saw), everything from there on is handed on. The exchange sends a snapshot
/// only when the channel is subscribed, so a subscriber that joins a stream already running calls
/// <paramref name="askForSnapshot"/> (the stream's other subscribers then see a new snapshot too). Rx's <c>SkipWhile</c>
/// does the rest with a wrapper observer and a predicate call per update; this is one observer and a flag.
/// </summary>
/// <param name="updates">The book channel's shared stream.</param>
/// <param name="askForSnapshot">Asks the exchange for a fresh snapshot; <see langword="null"/> when every message is one (a grouped book).</param>
internal sealed class FromNextSnapshotOrReset(SharedStream<BookUpdate> updates, Action? askForSnapshot) : IObservable<ChannelMessage<BookUpdate>>
{
    public IDisposable Subscribe(IObserver<ChannelMessage<BookUpdate>> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var joinedLate = updates.IsConnected;
        var subscription = updates.Subscribe(new Joining(observer));
        if (joinedLate)
        {
            askForSnapshot?.Invoke();
        }

        return subscription;
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
