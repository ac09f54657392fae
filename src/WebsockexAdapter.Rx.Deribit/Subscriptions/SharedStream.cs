using System.Reactive.Disposables;
using Microsoft.Extensions.Logging;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// One upstream subscription shared by every subscriber of a typed channel, so a message is decoded once however many
/// read it. The first subscriber connects the upstream, the last one to leave disconnects it, and a subscriber that
/// comes after the upstream ended connects a new one. Each subscriber is called in turn outside any lock; one that
/// throws is logged and cut off (as Rx detaches an observer that throws), and costs the others nothing.
/// </summary>
internal sealed class SharedStream<T> : IObservable<ChannelMessage<T>>
{
    private readonly object _gate = new();
    private readonly IObservable<ChannelMessage<T>> _source;
    private readonly ILogger _logger;
    private readonly FanOut _fanOut;
    private IObserver<ChannelMessage<T>>[] _observers = [];
    private IDisposable? _upstream;
    private int _generation;
    private bool _connected;

    public SharedStream(IObservable<ChannelMessage<T>> source, ILogger logger)
    {
        _source = source;
        _logger = logger;
        _fanOut = new FanOut(this);
    }

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
        var generation = 0;
        lock (_gate)
        {
            _observers = [.. _observers, observer];
            if (!_connected)
            {
                _connected = true;
                generation = ++_generation;
            }
        }

        if (generation != 0)
        {
            var upstream = _source.Subscribe(_fanOut);
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

    /// <summary>The upstream's observer: hands each signal to every subscriber, each guarded on its own.</summary>
    private sealed class FanOut(SharedStream<T> stream) : IObserver<ChannelMessage<T>>
    {
        public void OnNext(ChannelMessage<T> value)
        {
            foreach (var observer in Volatile.Read(ref stream._observers))
            {
                try
                {
                    observer.OnNext(value);
                }
#pragma warning disable CA1031 // A subscriber's exception is its own: it must not cost the others their message.
                catch (Exception error)
#pragma warning restore CA1031
                {
                    DeribitLog.ObserverFailed(stream._logger, value.ConnectionId, value.Channel, error);
                    stream.Remove(observer);
                }
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
