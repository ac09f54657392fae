using System.Buffers;
using System.Net.WebSockets;
using WebsockexAdapter.Rx.Simulator.Protocol;

namespace WebsockexAdapter.Rx.Simulator.Connections;

/// <summary>
/// Runs one connection from accept to close: a read loop here and the writer loop in <see cref="Outbox"/>. Every
/// wait is bounded by the connection's lifetime, and every way out goes through the same cleanup.
/// </summary>
internal static class ConnectionLoop
{
    /// <summary>How long the server waits for the client to answer its close frame before aborting.</summary>
    public static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(2);

    public static async Task RunAsync(SimConnection connection, SimulatorState state)
    {
        connection.Outbox.CloseSent += () => connection.CancelAfter(CloseHandshakeTimeout);
        var writer = RunWriterAsync(connection, state);
        try
        {
            await ReadAsync(connection, state).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            connection.SetCloseReason("ended by the server");
        }
        catch (WebSocketException error)
        {
            connection.SetCloseReason($"connection lost: {error.WebSocketErrorCode}");
        }
        catch (IOException error)
        {
            connection.SetCloseReason($"connection lost: {error.Message}");
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // Whatever went wrong ends this connection only; the server carries on.
            connection.SetCloseReason($"failed: {error.GetType().Name}");
            Log.ConnectionFailed(state.Logger, connection.Id, error);
        }
        finally
        {
            await CleanUpAsync(connection, state, writer).ConfigureAwait(false);
        }
    }

    private static async Task ReadAsync(SimConnection connection, SimulatorState state)
    {
        var socket = connection.Socket;
        var token = connection.Lifetime;

        // Not pooled: an abandoned connection leaves its last receive pending, still owning the buffer.
        var buffer = new byte[16 * 1024];
        var message = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            await connection.Stall.WaitAsync(token).ConfigureAwait(false);
            var receive = socket.ReceiveAsync(buffer.AsMemory(), token).AsTask();
            if (await Task.WhenAny(receive, connection.Abandoned).ConfigureAwait(false) != receive)
            {
                // Leaving without aborting lets Kestrel flush what was sent, then end the TCP connection in order.
                _ = receive.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                return;
            }

            var result = await receive.ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                var status = socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure;
                connection.SetCloseReason($"closed by the client ({(int)status} {socket.CloseStatusDescription})");
                connection.RequestClose(status, socket.CloseStatusDescription ?? string.Empty);
                return;
            }

            message.Write(buffer.AsSpan(0, result.Count));
            if (message.WrittenCount > state.Options.MaxRequestBytes)
            {
                connection.RequestClose(WebSocketCloseStatus.MessageTooBig, "request too large");
                await WaitForCloseAsync(socket, buffer, token).ConfigureAwait(false);
                return;
            }

            if (!result.EndOfMessage)
            {
                continue;
            }

            // A stall that began while this read was pending holds the message too.
            await connection.Stall.WaitAsync(token).ConfigureAwait(false);
            if (!connection.IsClosing)
            {
                RequestHandler.Handle(connection, state, message.WrittenMemory);
            }

            message.ResetWrittenCount();
        }
    }

    private static async Task WaitForCloseAsync(WebSocket socket, byte[] buffer, CancellationToken token)
    {
        while ((await socket.ReceiveAsync(buffer.AsMemory(), token).ConfigureAwait(false)).MessageType != WebSocketMessageType.Close)
        {
            // Drain until the client answers the close frame; the close timeout bounds this.
        }
    }

    private static async Task RunWriterAsync(SimConnection connection, SimulatorState state)
    {
        try
        {
            await connection.Outbox.RunAsync(connection.Socket, connection.Stall, connection.Lifetime).ConfigureAwait(false);
        }
        catch (Exception error) when (error is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
        {
            // The socket is gone: the reader sees it too and cleans up; make sure it does not wait.
            connection.SetCloseReason($"send failed: {error.GetType().Name}");
            connection.Cancel();
        }

        Log.WriterEnded(state.Logger, connection.Id);
    }

    private static async Task CleanUpAsync(SimConnection connection, SimulatorState state, Task writer)
    {
        connection.Heartbeat.Stop();
        connection.Subscriptions.StopStreams();
        connection.Outbox.Complete();
        try
        {
            // Lets a queued close frame (echo of the client's, or our own) go out before the socket is torn down.
            await writer.WaitAsync(CloseHandshakeTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            connection.SetCloseReason("writer did not finish");
        }

        if (!connection.Abandoned.IsCompleted)
        {
            connection.Cancel();
            if (connection.Socket.State is not (WebSocketState.Closed or WebSocketState.Aborted))
            {
                connection.Socket.Abort();
            }
        }

        connection.FireCancelOnDisconnect();
        connection.MarkClosed();
        connection.Dispose();
        state.Registry.Closed(connection);
        state.Changes.Notify();
        Log.ConnectionClosed(state.Logger, connection.Id, connection.CloseReason ?? "closed");
    }
}
