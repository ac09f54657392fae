using System.Reactive.Disposables;
using Microsoft.Extensions.Logging;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// One upstream subscription shared by every subscriber of a typed channel, so a message is decoded once however many
/// read it. The first subscriber connects the upstream, the last one to leave disconnects it, and a subscriber that
/// comes after the upstream ended connects a new one. Each subscriber is called in turn outside the stream's own lock; one that
/// throws is logged and cut off (as Rx detaches an observer that throws), and costs the others nothing.
/// A subscriber that comes while the stream runs starts with the next message, unless the stream replays its latest
/// one (see the constructor): a state such as a book, which may not change again for a while, is then current at once.
/// </summary>
internal sealed class SharedStream<T> : IObservable<ChannelMessage<T>>
{
    private readonly object _gate = new();
    private readonly IObservable<ChannelMessage<T>> _source;
    private readonly ILogger _logger;
    private readonly bool _replayLatest;
    private IObserver<ChannelMessage<T>>[] _observers = [];
    private IDisposable? _upstream;
    private int _generation;
    private bool _connected;

    // The latest message and the upstream that sent it, kept only when replaying (until the next one replaces it); both
    // written and read under SourceGate.
    private ChannelMessage<T> _latest;
    private int _latestGeneration;

    /// <param name="source">The upstream, connected by the first subscriber.</param>
    /// <param name="logger">Where a subscriber's exception is logged.</param>
    /// <param name="sourceGate">The lock <paramref name="source"/> emits its messages under, if it has one.</param>
    /// <param name="replayLatest">
    /// Hand a subscriber that comes while the stream runs the latest message first. Needs <paramref name="sourceGate"/>:
    /// the subscriber is added and handed it under that lock, so no message of the source comes between, before or twice.
    /// </param>
    public SharedStream(IObservable<ChannelMessage<T>> source, ILogger logger, Lock? sourceGate = null, bool replayLatest = false)
    {
        if (replayLatest && sourceGate is null)
        {
            throw new ArgumentException("Replaying the latest message needs the lock the source emits under.", nameof(sourceGate));
        }

        _source = source;
        _logger = logger;
        SourceGate = sourceGate;
        _replayLatest = replayLatest;
    }

    /// <summary>The lock the source emits its messages under, if it has one.</summary>
    public Lock? SourceGate { get; }

    /// <summary>Whether the upstream is connected (someone subscribed and it has not ended).</summary>
    public bool IsConnected
    {
        get
        {
            lock (_gate)
            {
                return _connected;
            }
        }
    }

    public IDisposable Subscribe(IObserver<ChannelMessage<T>> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var generation = _replayLatest ? JoinWithLatest(observer) : Join(observer);
        if (generation != 0)
        {
            var upstream = _source.Subscribe(new FanOut(this, generation));
            bool stale;
            lock (_gate)
            {
                // Everyone left, or the upstream ended, while it was connecting: this upstream is nobody's.
                stale = _generation != generation;
                if (!stale)
                {
                    _upstream = upstream;
                }
            }

            if (stale)
            {
                upstream.Dispose();
            }
        }

        return Disposable.Create((Stream: this, Observer: observer), static s => s.Stream.Remove(s.Observer));
    }

    /// <summary>Adds <paramref name="observer"/>; returns the new upstream's generation if it is the one to connect it, else 0.</summary>
    private int Join(IObserver<ChannelMessage<T>> observer)
    {
        lock (_gate)
        {
            _observers = [.. _observers, observer];
            if (_connected)
            {
                return 0;
            }

            _connected = true;
            return ++_generation;
        }
    }

    /// <summary>
    /// <see cref="Join"/>, then the running upstream's latest message to <paramref name="observer"/> alone, both under the
    /// source's lock: the source cannot send a message between the two, so the observer gets each message once, in order.
    /// </summary>
    private int JoinWithLatest(IObserver<ChannelMessage<T>> observer)
    {
        lock (SourceGate!)
        {
            var generation = Join(observer);
            bool replay;
            lock (_gate)
            {
                replay = generation == 0 && _latestGeneration == _generation;
            }

            if (replay)
            {
                Deliver(observer, _latest);
            }

            return generation;
        }
    }

    /// <summary>One message to one subscriber: a subscriber that throws is logged and cut off, and costs the others nothing.</summary>
    private void Deliver(IObserver<ChannelMessage<T>> observer, ChannelMessage<T> value)
    {
        try
        {
            observer.OnNext(value);
        }
#pragma warning disable CA1031 // A subscriber's exception is its own: it must not cost the others their message.
        catch (Exception error)
#pragma warning restore CA1031
        {
            DeribitLog.ObserverFailed(_logger, value.ConnectionId, value.Channel, error);
            Remove(observer);
        }
    }

    private void Remove(IObserver<ChannelMessage<T>> observer)
    {
        IDisposable? upstream = null;
        lock (_gate)
        {
            var index = Array.IndexOf(_observers, observer);
            if (index < 0)
            {
                return;
            }

            _observers = [.. _observers[..index], .. _observers[(index + 1)..]];
            if (_observers.Length == 0)
            {
                upstream = _upstream;
                _upstream = null;
                _connected = false;
                _generation++;
            }
        }

        upstream?.Dispose();
    }

    private IObserver<ChannelMessage<T>>[] End()
    {
        if (!_replayLatest)
        {
            return TakeObservers();
        }

        // Not while JoinWithLatest hands a subscriber the latest message: the end must come after it, never beside it.
        lock (SourceGate!)
        {
            return TakeObservers();
        }
    }

    private IObserver<ChannelMessage<T>>[] TakeObservers()
    {
        lock (_gate)
        {
            var observers = _observers;
            _observers = [];
            _upstream = null;
            _connected = false;
            _generation++;
            return observers;
        }
    }

    /// <summary>One upstream's observer: hands each signal to every subscriber, each guarded on its own.</summary>
    private sealed class FanOut(SharedStream<T> stream, int generation) : IObserver<ChannelMessage<T>>
    {
        public void OnNext(ChannelMessage<T> value)
        {
            if (stream._replayLatest)
            {
                // The source holds SourceGate while it sends, which is what JoinWithLatest reads these under.
                stream._latest = value;
                stream._latestGeneration = generation;
            }

            foreach (var observer in Volatile.Read(ref stream._observers))
            {
                stream.Deliver(observer, value);
            }
        }

        public void OnError(Exception error)
        {
            foreach (var observer in stream.End())
            {
                try
                {
                    observer.OnError(error);
                }
#pragma warning disable CA1031 // See OnNext.
                catch (Exception thrown)
#pragma warning restore CA1031
                {
                    DeribitLog.ObserverFailed(stream._logger, "-", "(error)", thrown);
                }
            }
        }

        public void OnCompleted()
        {
            foreach (var observer in stream.End())
            {
                try
                {
                    observer.OnCompleted();
                }
#pragma warning disable CA1031 // See OnNext.
                catch (Exception thrown)
#pragma warning restore CA1031
                {
                    DeribitLog.ObserverFailed(stream._logger, "-", "(completion)", thrown);
                }
            }
        }
    }
}
