using System.Reactive.Concurrency;

namespace WebsockexAdapter.Rx;

/// <summary>The <c>Supervise</c> operator: the adapter layer in Rx, one session per connection over a retried connection source.</summary>
public static class SuperviseExtensions
{
    /// <summary>
    /// Keeps a session up over a stream of connections. <paramref name="connect"/> makes one attempt per subscription:
    /// it emits the connection it opened and ends when that connection does (<see cref="WebSocketClient.ConnectOnce"/>
    /// is one). Supervise retries it with <see cref="SupervisionOptions.Backoff"/>, the one layer that retries, so each
    /// element of the retried stream is a new underlying connection; each is handed to <paramref name="restore"/>, and
    /// <c>Switch</c> moves to the newest connection's session. A restore that fails, or a session that ends, aborts that
    /// connection with its error (the stream does not end): the connection source then fails, and the retry brings the
    /// next connection. The stream errors only when <see cref="SupervisionOptions.ShouldRetry"/> refuses an error or the
    /// attempts run out, and completes when the source completes (a close this side asked for) after its session.
    /// Attempt numbers and epochs belong to the subscription: two subscribers share nothing.
    /// </summary>
    /// <typeparam name="TSession">What a restored connection yields: a session, its data, or the connection itself.</typeparam>
    /// <param name="connect">One connection attempt per subscription.</param>
    /// <param name="restore">
    /// Per connection, what the other side forgot, asked for again, then the session's elements until the connection
    /// ends. It is subscribed before the connection reads its first frame, so it sees every frame.
    /// </param>
    /// <param name="options">The retry, and the callbacks that report its progress.</param>
    /// <param name="scheduler">Runs the delays and is the circuit breaker's clock.</param>
    /// <returns>The sessions of every connection, one after the other.</returns>
    /// <example>
    /// <code>
    /// var sessions = client.ConnectOnce().Supervise(
    ///     c => Observable.FromAsync(() => LoginAsync(c.Connection)).Concat(c.Connection.Frames.Select(Parse)),
    ///     new SupervisionOptions { Backoff = new BackoffOptions { MaxDelay = TimeSpan.FromSeconds(10) } },
    ///     scheduler);
    /// </code>
    /// </example>
    public static IObservable<TSession> Supervise<TSession>(
        this IObservable<IConnection> connect,
        Func<SupervisedConnection, IObservable<TSession>> restore,
        SupervisionOptions options,
        IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(connect);
        ArgumentNullException.ThrowIfNull(restore);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(scheduler);
        options.Backoff.Validate();
        return new Supervise<TSession>(connect, restore, options, scheduler);
    }

    /// <summary>
    /// <see cref="Supervise{TSession}(IObservable{IConnection}, Func{SupervisedConnection, IObservable{TSession}}, SupervisionOptions, IScheduler)"/>
    /// on <see cref="DefaultScheduler.Instance"/>.
    /// </summary>
    /// <typeparam name="TSession">What a restored connection yields.</typeparam>
    /// <param name="connect">One connection attempt per subscription.</param>
    /// <param name="restore">Per connection, the restore and then the session.</param>
    /// <param name="options">The retry, and the callbacks that report its progress; <see langword="null"/> for the defaults.</param>
    /// <returns>The sessions of every connection, one after the other.</returns>
    public static IObservable<TSession> Supervise<TSession>(
        this IObservable<IConnection> connect,
        Func<SupervisedConnection, IObservable<TSession>> restore,
        SupervisionOptions? options = null) =>
        connect.Supervise(restore, options ?? new SupervisionOptions(), DefaultScheduler.Instance);
}
