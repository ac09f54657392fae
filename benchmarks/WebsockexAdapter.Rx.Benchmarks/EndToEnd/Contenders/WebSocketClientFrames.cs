namespace WebsockexAdapter.Rx.Benchmarks.EndToEnd.Contenders;

/// <summary>
/// This library: <see cref="WebSocketClient.Frames"/> over one of its transports, touching either
/// <see cref="Frame.Text"/> (a string per message, like the string loop and Websocket.Client) or only the payload
/// (like the bytes loop). Either with the default options (reconnection on, keep-alive pings with a pong timeout) or
/// with keep-alive off: the bare loops and Websocket.Client never notice a peer that stopped answering, and
/// ClientWebSocket's pong timeout costs a lock on every socket read it makes (two per message of this size), so
/// keep-alive off is the like-for-like comparison for that transport. The RFC 6455 transport's keep-alive runs on the
/// client's scheduler and costs nothing per message.
/// </summary>
internal sealed class WebSocketClientFrames(bool decodeText, bool keepAlive, IWebSocketTransportFactory transport, string transportName) : Contender
{
    public override string Name =>
        $"WebSocketClient.Frames, {(decodeText ? "Text" : "payload")} ({transportName}, {(keepAlive ? "defaults" : "keep-alive off")})";

    public override string Touches => decodeText ? "Frame.Text (a string per message)" : "Frame.Payload length";

    public override async Task<long> ReceiveAsync(Uri server, int messages, RoundClock clock, CancellationToken cancellationToken)
    {
        var options = new ClientOptions { TransportFactory = transport };
        using var client = new WebSocketClient(server, keepAlive ? options : options with { KeepAlive = KeepAliveOptions.Disabled });
        var counter = new MessageCounter(messages, clock);
        using (client.Frames.Subscribe(
            frame =>
            {
                if (frame.Kind == FrameKind.Text)
                {
                    counter.Add(decodeText ? frame.Text.Length : frame.Payload.Length);
                }
            },
            counter.Fail,
            counter.Complete))
        {
            var checksum = await counter.Done.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (client.CurrentConnection is { } connection)
            {
                await connection.CloseAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            return checksum;
        }
    }
}
