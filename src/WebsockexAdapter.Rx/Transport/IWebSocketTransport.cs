using System.Net.WebSockets;

namespace WebsockexAdapter.Rx;

/// <summary>
/// One WebSocket, as the client drives it: connect once, receive whole messages, send, close. The seam that lets
/// tests run in memory and lets users bring another socket implementation.
/// </summary>
public interface IWebSocketTransport : IDisposable
{
    /// <summary>
    /// Whether this socket answers pings, sends keep-alive pings and enforces the pong timeout on its own, as
    /// <see cref="ClientWebSocket"/> does. Such a socket never returns control frames from <see cref="ReceiveAsync"/>:
    /// a server's ping is answered inside the socket and does not appear on the connection's frames, and the pong
    /// timeout runs on the socket's own clock rather than the client's scheduler. When <see langword="false"/>, the
    /// client does it on its scheduler: it answers every <see cref="FrameKind.Ping"/> (and surfaces it as a frame) and
    /// expects a <see cref="FrameKind.Pong"/> within <see cref="KeepAliveOptions.PongTimeout"/>.
    /// </summary>
    bool HandlesKeepAlive { get; }

    /// <summary>The sub-protocol the server chose, once connected.</summary>
    string? SubProtocol { get; }

    /// <summary>Performs the opening handshake.</summary>
    /// <param name="uri">The ws:// or wss:// address.</param>
    /// <param name="cancellationToken">Cancelled when the attempt times out or is abandoned.</param>
    Task ConnectAsync(Uri uri, CancellationToken cancellationToken);

    /// <summary>
    /// Receives the next whole message (fragments reassembled). When the server closes, returns a
    /// <see cref="FrameKind.Close"/> frame; when the connection breaks, throws.
    /// </summary>
    /// <param name="cancellationToken">Cancelled when the connection is torn down.</param>
    ValueTask<Frame> ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>Sends one whole message. Callers never overlap two sends on one socket.</summary>
    /// <param name="frame">A text, binary, ping or pong frame.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    ValueTask SendAsync(Frame frame, CancellationToken cancellationToken);

    /// <summary>Starts or completes the closing handshake.</summary>
    /// <param name="status">The close status to send.</param>
    /// <param name="description">The close reason to send.</param>
    /// <param name="cancellationToken">Cancels the wait for the server's close frame.</param>
    Task CloseAsync(WebSocketCloseStatus status, string? description, CancellationToken cancellationToken);

    /// <summary>Tears the socket down at once, without a closing handshake; pending operations fail.</summary>
    void Abort();
}
