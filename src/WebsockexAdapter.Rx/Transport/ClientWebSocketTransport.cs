using System.Net.WebSockets;

namespace WebsockexAdapter.Rx;

/// <summary>
/// <see cref="IWebSocketTransport"/> over <see cref="ClientWebSocket"/>. The socket answers pings and enforces the
/// keep-alive pong timeout itself, so <see cref="HandlesKeepAlive"/> is true; it never hands control frames to its
/// caller, so a server's ping is answered but does not appear on <c>Frames</c>.
/// Messages are read by <see cref="WebSocketMessageReader"/>, over a connection read in large chunks
/// (<see cref="ReadAheadHandler"/>).
/// </summary>
internal sealed class ClientWebSocketTransport : IWebSocketTransport
{
    private readonly ClientWebSocket _socket;
    private readonly WebSocketMessageReader _reader;
    private readonly ReadAheadHandler _handler;

    public ClientWebSocketTransport(ClientOptions options)
    {
        // Certificate validation lives on the handler: ClientWebSocket refuses it in its options when given a handler.
        _socket = ClientWebSocketSetup.Create(options, socketHandlesConnection: false);
        _handler = new ReadAheadHandler(options.RemoteCertificateValidation, options.Proxy);
        _reader = new WebSocketMessageReader(_socket, options.ReceiveBufferSize, options.MaxMessageSize, options.KeepAlive.PongTimeout);
    }

    public bool HandlesKeepAlive => true;

    public string? SubProtocol => _socket.SubProtocol;

    public Task ConnectAsync(Uri uri, CancellationToken cancellationToken) =>
        ClientWebSocketSetup.ConnectAsync(_socket, uri, cancellationToken, _handler.Invoker);

    public ValueTask<Frame> ReceiveAsync(CancellationToken cancellationToken) => _reader.ReceiveAsync(cancellationToken);

    public ValueTask SendAsync(Frame frame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return frame.Kind switch
        {
            FrameKind.Text => _socket.SendAsync(frame.Payload, WebSocketMessageType.Text, endOfMessage: true, cancellationToken),
            FrameKind.Binary => _socket.SendAsync(frame.Payload, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken),
            _ => throw new NotSupportedException($"ClientWebSocket sends its own {frame.Kind} frames; it cannot send them on request."),
        };
    }

    public async Task CloseAsync(WebSocketCloseStatus status, string? description, CancellationToken cancellationToken)
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await _socket.CloseAsync(status, description, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Abort()
    {
        _reader.Aborting();
        _socket.Abort();
    }

    public void Dispose()
    {
        _socket.Dispose();
        _reader.Dispose();
        _handler.Dispose();
    }
}
