using System.Net.WebSockets;

namespace WebsockexAdapter.Rx;

/// <summary>One live socket. A connection is never reused: after it ends, a reconnect brings a new one.</summary>
public interface IConnection
{
    /// <summary>The correlation id every log line about this connection carries.</summary>
    string Id { get; }

    /// <summary>The address it is connected to.</summary>
    Uri Uri { get; }

    /// <summary>When the handshake completed, on the client's scheduler.</summary>
    DateTimeOffset ConnectedAt { get; }

    /// <summary>The sub-protocol the server chose, if any.</summary>
    string? SubProtocol { get; }

    /// <summary>Whether the connection can still send.</summary>
    bool IsOpen { get; }

    /// <summary>
    /// The frames received, hot: subscribe while handling this connection's arrival to see every frame from the first.
    /// Completes after a close with status 1000 (or one this side started); errors with a
    /// <see cref="WebSocketClientException"/> (<see cref="ConnectionClosedException"/>, <see cref="ConnectionLostException"/>,
    /// <see cref="KeepAliveTimeoutException"/>, <see cref="IdleTimeoutException"/>, <see cref="MessageTooLargeException"/>) otherwise.
    /// </summary>
    IObservable<Frame> Frames { get; }

    /// <summary>
    /// The frames received, lent to <paramref name="observer"/> for the length of each call instead of handed out: the
    /// hook for a consumer that decodes every message at once (a JSON-RPC session, an adapter's parser), which then
    /// costs no copy of the message. Like <see cref="Frames"/> it is hot, ends the same way, and sees every frame from
    /// the first when subscribed on arrival; a frame's views are handed out before the frame itself goes to
    /// <see cref="Frames"/>. The connection makes an owned <see cref="Frame"/> of a message only when
    /// <see cref="Frames"/> has a subscriber, or when an observer calls <see cref="FrameView.ToFrame"/>.
    /// </summary>
    /// <remarks>
    /// The default implementation subscribes to <see cref="Frames"/> and lends each frame's own bytes, so every
    /// connection supports it; the library's connection over its default transport lends its receive buffer.
    /// </remarks>
    /// <param name="observer">Receives each message, then the end.</param>
    /// <returns>Disposing stops the calls.</returns>
    IDisposable SubscribeViews(IFrameViewObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        return Frames.Subscribe(new FrameViewForwarder(observer));
    }

    /// <summary>Sends one message. Concurrent sends are queued, never interleaved.</summary>
    /// <param name="frame">A text, binary, ping or pong frame.</param>
    /// <param name="cancellationToken">Cancels the wait and the send.</param>
    /// <exception cref="NotConnectedException">The connection has ended.</exception>
    ValueTask SendAsync(Frame frame, CancellationToken cancellationToken = default);

    /// <summary>Sends one text message.</summary>
    /// <param name="text">The message.</param>
    /// <param name="cancellationToken">Cancels the wait and the send.</param>
    /// <exception cref="NotConnectedException">The connection has ended.</exception>
    ValueTask SendTextAsync(string text, CancellationToken cancellationToken = default);

    /// <summary>
    /// Closes the connection with a closing handshake; after <see cref="ClientOptions.CloseTimeout"/> without the
    /// server's answer the socket is aborted. <see cref="Frames"/> then completes.
    /// </summary>
    /// <param name="status">The close status to send.</param>
    /// <param name="description">The close reason to send.</param>
    Task CloseAsync(WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure, string? description = null);

    /// <summary>
    /// Declares the connection dead (an application heartbeat was missed, say): the socket is aborted at once, without
    /// a closing handshake, and <see cref="Frames"/> errors with <paramref name="reason"/>.
    /// </summary>
    /// <param name="reason">Why; ends the frame stream as its error.</param>
    void Abort(Exception reason);
}
