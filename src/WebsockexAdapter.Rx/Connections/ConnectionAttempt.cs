using System.Net.WebSockets;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Microsoft.Extensions.Logging;

namespace WebsockexAdapter.Rx;

/// <summary>
/// One connection attempt as an observable: subscribing opens a new socket, the connection is the one element, and
/// the sequence ends when the connection does (an error for a failure or a server close, completion for a close this
/// side asked for). Disposing closes the socket with 1000.
/// </summary>
internal static class ConnectionAttempt
{
    /// <summary>Creates the attempt.</summary>
    /// <param name="uri">Where to connect.</param>
    /// <param name="options">The client's options.</param>
    /// <param name="id">The correlation id of the connection this attempt opens.</param>
    /// <param name="logger">The client's logger.</param>
    /// <param name="serverNormalCloseCompletes">
    /// When <see langword="true"/> a 1000 close from the server completes the sequence (nothing to retry); otherwise it
    /// is an error like any drop, so a retrying client reconnects.
    /// </param>
    public static IObservable<IConnection> Create(Uri uri, ClientOptions options, string id, ILogger logger, bool serverNormalCloseCompletes) =>
        ObservableAsync.Create<IConnection>((observer, cancellation) => RunAsync(observer, uri, options, id, logger, serverNormalCloseCompletes, cancellation));

    private static async Task RunAsync(
        IObserver<IConnection> observer,
        Uri uri,
        ClientOptions options,
        string id,
        ILogger logger,
        bool serverNormalCloseCompletes,
        CancellationToken cancellation)
    {
        ClientMetrics.ConnectionAttempts.Add(1);
        var transport = options.TransportFactory.Create(options);
        try
        {
            await ConnectAsync(transport, uri, options, id, cancellation).ConfigureAwait(false);
        }
        catch
        {
            transport.Dispose();
            throw;
        }

        ClientMetrics.Connections.Add(1);
        var connection = new Connection(id, uri, transport, options, logger);
        try
        {
            observer.OnNext(connection);
        }
        catch
        {
            // An observer threw before the receive loop started: nobody will ever end this socket but us.
            transport.Dispose();
            throw;
        }

        connection.Start();

        ConnectionEnd end;
        using (cancellation.Register(static state => ((Connection)state!).BeginClose(WebSocketCloseStatus.NormalClosure, "client closing"), connection))
        {
            end = await connection.Completion.ConfigureAwait(false);
        }

        if (end.Error is not null)
        {
            throw end.Error;
        }

        if (end.ServerClose is { } close && !(serverNormalCloseCompletes && close.CloseStatus == WebSocketCloseStatus.NormalClosure))
        {
            throw new ConnectionClosedException(close.CloseStatus ?? WebSocketCloseStatus.Empty, close.CloseDescription) { ConnectionId = id };
        }
    }

    /// <summary>A handshake that is slow, or never comes, ends in <see cref="ConnectTimeoutException"/> (docs/hostile-input.md).</summary>
    private static async Task ConnectAsync(IWebSocketTransport transport, Uri uri, ClientOptions options, string id, CancellationToken cancellation)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var timedOut = false;
        using var timer = options.Scheduler.Schedule(options.ConnectTimeout, () =>
        {
            timedOut = true;
            attempt.Cancel();
        });
        try
        {
            await transport.ConnectAsync(uri, attempt.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timedOut && !cancellation.IsCancellationRequested)
        {
            throw new ConnectTimeoutException(options.ConnectTimeout) { ConnectionId = id };
        }
        catch (WebSocketClientException error)
        {
            // A transport's own errors (a refused upgrade, a proxy's answer) know no connection id; the log lines of
            // this attempt all carry one, and the error a user sees must name the same.
            error.NameConnection(id);
            throw;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            throw new ConnectFailedException(uri, error) { ConnectionId = id };
        }
    }
}
