using System.Reactive.Disposables;

namespace WebsockexAdapter.Rx;

/// <summary>
/// The frames of whichever connection is newest: what <see cref="WebSocketClient.Frames"/> shares. A connection's
/// error ends only its own frames; the connection stream is where failures are reported and retried. Completes when
/// the connection stream has completed and the last connection's frames have ended.
/// </summary>
/// <remarks>
/// This is <c>connections.Select(c =&gt; c.Frames.Catch(Empty)).Switch()</c> in one hop instead of three, and without
/// <c>Switch</c>'s lock per frame: a client never has two connections emitting at once (a new one is opened only after
/// the previous one's receive loop has ended), so frames need no serializing. A frame from a connection that is no
/// longer current is dropped all the same.
/// </remarks>
internal sealed class CurrentFrames(IObservable<IConnection> connections) : IObservable<Frame>
{
    public IDisposable Subscribe(IObserver<Frame> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var run = new Run(observer);
        run.Start(connections);
        return run;
    }

    /// <summary>One subscription: the current connection, and whether the connection stream has ended.</summary>
    private sealed class Run(IObserver<Frame> downstream) : IObserver<IConnection>, IDisposable
    {
        private readonly object _gate = new();
        private readonly SingleAssignmentDisposable _outer = new();
        private readonly SerialDisposable _inner = new();
        private ConnectionFrames? _current;
        private bool _connectionsEnded;
        private bool _stopped;

        public void Start(IObservable<IConnection> source) => _outer.Disposable = source.Subscribe(this);

        public void OnNext(IConnection value)
        {
            var frames = new ConnectionFrames(this);
            lock (_gate)
            {
                if (_stopped)
                {
                    return;
                }

                _current = frames;
            }

            _inner.Disposable = value.Frames.Subscribe(frames);
        }

        public void OnError(Exception error)
        {
            if (Stop())
            {
                _inner.Dispose();
                downstream.OnError(error);
            }
        }

        public void OnCompleted()
        {
            bool complete;
            lock (_gate)
            {
                _connectionsEnded = true;
                complete = _current is null && !_stopped;
                _stopped |= complete;
            }

            if (complete)
            {
                downstream.OnCompleted();
            }
        }

        public void Dispose()
        {
            Stop();
            _outer.Dispose();
            _inner.Dispose();
        }

        private bool Stop()
        {
            lock (_gate)
            {
                var wasRunning = !_stopped;
                _stopped = true;
                _current = null;
                return wasRunning;
            }
        }

        private void Forward(ConnectionFrames from, Frame frame)
        {
            if (ReferenceEquals(Volatile.Read(ref _current), from))
            {
                downstream.OnNext(frame);
            }
        }

        private void Ended(ConnectionFrames frames)
        {
            bool complete;
            lock (_gate)
            {
                if (!ReferenceEquals(_current, frames))
                {
                    return;
                }

                _current = null;
                complete = _connectionsEnded && !_stopped;
                _stopped |= complete;
            }

            if (complete)
            {
                downstream.OnCompleted();
            }
        }

        /// <summary>Observes one connection's frames.</summary>
        private sealed class ConnectionFrames(Run parent) : IObserver<Frame>
        {
            public void OnNext(Frame value) => parent.Forward(this, value);

            // The connection stream reports why the connection ended; here it only means its frames are over.
            public void OnError(Exception error) => parent.Ended(this);

            public void OnCompleted() => parent.Ended(this);
        }
    }
}
