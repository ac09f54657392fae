namespace WebsockexAdapter.Rx.Benchmarks.EndToEnd.Contenders;

/// <summary>
/// This library: <see cref="WebSocketClient.Frames"/> with the default options (reconnection on), touching either
/// <see cref="Frame.Text"/> (a string per message, like the string loop and Websocket.Client) or only the payload
/// (like the bytes loop).
/// </summary>
internal sealed class WebSocketClientFrames(bool decodeText) : Contender
{
    public override string Name => decodeText ? "WebSocketClient.Frames, Text" : "WebSocketClient.Frames, payload";

    public override string Touches => decodeText ? "Frame.Text (a string per message)" : "Frame.Payload length";

    public override async Task<long> ReceiveAsync(Uri server, int messages, RoundClock clock, CancellationToken cancellationToken)
    {
        using var client = new WebSocketClient(server);
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
