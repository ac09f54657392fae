using System.Diagnostics;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;

namespace WebsockexAdapter.Rx;

/// <summary>The work behind <see cref="SuperviseExtensions.Supervise{TSession}(IObservable{IConnection}, Func{SupervisedConnection, IObservable{TSession}}, SupervisionOptions, IScheduler)"/>.</summary>
internal sealed class Supervise<TSession> : IObservable<TSession>
{
    private readonly IObservable<IConnection> _connect;
    private readonly Func<SupervisedConnection, IObservable<TSession>> _restore;
    private readonly SupervisionOptions _options;
    private readonly IScheduler _scheduler;

    public Supervise(IObservable<IConnection> connect, Func<SupervisedConnection, IObservable<TSession>> restore, SupervisionOptions options, IScheduler scheduler)
    {
        _connect = connect;
        _restore = restore;
        _options = options;
        _scheduler = scheduler;
    }

    public IDisposable Subscribe(IObserver<TSession> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        return new Run(this).Subscribe(observer);
    }

    /// <summary>
    /// The state of one subscription. Its fields are written by one attempt at a time: an attempt begins only after
    /// the previous one's sequence has ended and the retry's delay (a scheduler hop) has passed.
    /// </summary>
    private sealed class Run(Supervise<TSession> parent)
    {
        private int _attempt = 1;
        private int _epoch;
        private string? _lastConnectionId;
        private volatile bool _sessionUp;

        // The current attempt's span until the session is up or the attempt fails; whoever ends it takes it.
        private Activity? _span;

        public IDisposable Subscribe(IObserver<TSession> observer)
        {
            var attempt = Observable.Defer(() =>
            {
                _sessionUp = false;
                EndSpan(null);
                Volatile.Write(ref _span, ConnectionTracing.StartAttempt(_attempt, _epoch + 1));
                try
                {
                    parent._options.OnConnecting?.Invoke(new SupervisionAttempt(_attempt, _epoch + 1));
                }
                catch (Exception error)
                {
                    EndSpan(error);
                    throw;
                }

                // A source that ends before its connection's session is up failed the attempt (or was closed, and completes).
                return Volatile.Read(ref _span) is null ? parent._connect : parent._connect.Do(static _ => { }, EndSpan, () => EndSpan(null));
            });

            var connections = new RetryWithBackoff<IConnection>(
                attempt,
                parent._options.Backoff,
                parent._scheduler,
                parent._options.ShouldRetry ?? TransientErrors.IsTransient,
                OnRetry,
                wasHealthy: () => _sessionUp);

            var subscription = connections.Select(Session).Switch().Subscribe(observer);
            return StableCompositeDisposable.Create(subscription, Disposable.Create(this, static run => run.EndSpan(null)));
        }

        /// <summary>One connection's session; it ends (never errors) when the connection or the session does, so the Switch lives on.</summary>
        private IObservable<TSession> Session(IConnection connection)
        {
            var span = Volatile.Read(ref _span);
            var supervised = new SupervisedConnection(connection, ++_epoch, _attempt) { TraceContext = span?.Context ?? default };
            _lastConnectionId = connection.Id;
            span?.SetTag(ConnectionTracing.ConnectionIdTag, connection.Id).SetTag(ConnectionTracing.EpochTag, _epoch);
            var session = Observable.Defer(() =>
            {
                parent._options.OnConnected?.Invoke(supervised);
                return parent._restore(supervised);
            });

            return Observable.Create<TSession>(IDisposable (observer) => session.Subscribe(
                value =>
                {
                    if (!_sessionUp)
                    {
                        _sessionUp = true;
                        EndSpan(null);
                    }

                    observer.OnNext(value);
                },
                error =>
                {
                    // The connection source fails with this error, and its retry says why it reconnects.
                    EndSpan(error);
                    End(connection, error);
                    observer.OnCompleted();
                },
                () =>
                {
                    var ended = new ConnectionLostException("The session on this connection ended.") { ConnectionId = connection.Id };
                    EndSpan(ended);
                    End(connection, ended);
                    observer.OnCompleted();
                }));
        }

        /// <summary>Aborts a connection its session has left; one that has ended already (the usual case) is left alone.</summary>
        private static void End(IConnection connection, Exception reason)
        {
            if (connection.IsOpen)
            {
                connection.Abort(reason);
            }
        }

        /// <summary>Ends the attempt's span if it is still open: failed with <paramref name="error"/>, or plainly when it is null.</summary>
        private void EndSpan(Exception? error)
        {
            var span = Interlocked.Exchange(ref _span, null);
            if (span is not null && error is WebSocketClientException { ConnectionId: { } id } && span.GetTagItem(ConnectionTracing.ConnectionIdTag) is null)
            {
                span.SetTag(ConnectionTracing.ConnectionIdTag, id);
            }

            ConnectionTracing.End(span, error);
        }

        private void OnRetry(RetryEvent retry)
        {
            _attempt = retry.Attempt + 1;
            var failed = (retry.Error as WebSocketClientException)?.ConnectionId ?? _lastConnectionId;
            parent._options.OnRetry?.Invoke(new SupervisionRetry(retry, failed, _epoch));
        }
    }
}
