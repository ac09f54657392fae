namespace WebsockexAdapter.Rx.Benchmarks.EndToEnd.Contenders;

/// <summary>
/// This library's lower-level hook, <see cref="IConnection.SubscribeViews"/>, over the default transport: each message
/// lent out of the receive buffer for the call, as the JSON-RPC session reads it; touches the payload's length, like
/// the <c>Frames, payload</c> row, which gets each message copied into a <see cref="Frame"/> instead.
/// </summary>
internal sealed class ConnectionViews : Contender
{
    public override string Name => "IConnection.SubscribeViews, payload (RFC 6455, defaults)";

    public override string Touches => "FrameView.Payload length (lent)";

    public override Task<long> ReceiveAsync(Uri server, int messages, RoundClock clock, CancellationToken cancellationToken)
    {
        var counter = new MessageCounter(messages, clock);
        return ReceiveViewsAsync(server, new Counting(counter), counter, cancellationToken);
    }

    /// <summary>A round of <paramref name="observer"/> over the default transport's lent messages, until <paramref name="counter"/> is done.</summary>
    internal static async Task<long> ReceiveViewsAsync(Uri server, IFrameViewObserver observer, MessageCounter counter, CancellationToken cancellationToken)
    {
        using var client = new WebSocketClient(server);
        IConnection? current = null;
        IDisposable? views = null;
        // Subscribed as the connection arrives, before its receive loop starts, so no message is missed.
        using (client.Connections.Subscribe(
            connection =>
            {
                current = connection;
                views = connection.SubscribeViews(observer);
            },
            counter.Fail))
        {
            var checksum = await counter.Done.WaitAsync(cancellationToken).ConfigureAwait(false);
            views?.Dispose();
            if (current is { } connection)
            {
                await connection.CloseAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            return checksum;
        }
    }

    private sealed class Counting(MessageCounter counter) : IFrameViewObserver
    {
        public void OnNext(FrameView frame)
        {
            if (frame.Kind == FrameKind.Text)
            {
                counter.Add(frame.Payload.Length);
            }
        }

        public void OnError(Exception reason) => counter.Fail(reason);

        public void OnCompleted() => counter.Complete();
    }
}
