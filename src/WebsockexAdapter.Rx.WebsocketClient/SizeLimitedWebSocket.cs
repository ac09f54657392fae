using System.Net.WebSockets;

namespace WebsockexAdapter.Rx.WebsocketClient;

/// <summary>
/// Hands Websocket.Client a socket that refuses to read a message past <see cref="ClientOptions.MaxMessageSize"/>.
/// Websocket.Client buffers every message whole and has no limit of its own; counting here, read by read, and never
/// reading more than one byte past the limit, stops an oversized message before it is buffered instead of after.
/// </summary>
internal sealed class SizeLimitedWebSocket(WebSocket inner, int maxMessageSize) : WebSocket
{
    private long _messageLength;

    public override WebSocketCloseStatus? CloseStatus => inner.CloseStatus;

    public override string? CloseStatusDescription => inner.CloseStatusDescription;

    public override WebSocketState State => inner.State;

    public override string? SubProtocol => inner.SubProtocol;

    public override void Abort() => inner.Abort();

    public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        inner.CloseAsync(closeStatus, statusDescription, cancellationToken);

    public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        inner.CloseOutputAsync(closeStatus, statusDescription, cancellationToken);

    public override async Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken)
    {
        var result = await inner.ReceiveAsync(buffer[..Allowance(buffer.Count)], cancellationToken).ConfigureAwait(false);
        Count(result.MessageType, result.Count, result.EndOfMessage);
        return result;
    }

    public override async ValueTask<ValueWebSocketReceiveResult> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var result = await inner.ReceiveAsync(buffer[..Allowance(buffer.Length)], cancellationToken).ConfigureAwait(false);
        Count(result.MessageType, result.Count, result.EndOfMessage);
        return result;
    }

    public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) =>
        inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);

    public override ValueTask SendAsync(ReadOnlyMemory<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) =>
        inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);

    public override ValueTask SendAsync(ReadOnlyMemory<byte> buffer, WebSocketMessageType messageType, WebSocketMessageFlags messageFlags, CancellationToken cancellationToken) =>
        inner.SendAsync(buffer, messageType, messageFlags, cancellationToken);

    public override void Dispose() => inner.Dispose();

    /// <summary>Reads no further than one byte past the limit, which is enough to know it was crossed.</summary>
    private int Allowance(int bufferLength) => (int)Math.Min(bufferLength, maxMessageSize - _messageLength + 1);

    private void Count(WebSocketMessageType type, int count, bool endOfMessage)
    {
        if (type == WebSocketMessageType.Close)
        {
            return;
        }

        _messageLength += count;
        if (_messageLength > maxMessageSize)
        {
            throw new MessageTooLargeException(_messageLength, maxMessageSize);
        }

        if (endOfMessage)
        {
            _messageLength = 0;
        }
    }
}
