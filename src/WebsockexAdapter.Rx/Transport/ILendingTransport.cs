namespace WebsockexAdapter.Rx;

/// <summary>
/// A transport that can hand out a message without copying it: its payload stays in the transport's receive buffer
/// until the next call to either receive method. The connection uses it when the transport offers it, and copies a
/// message into an owned <see cref="Frame"/> only for those who keep frames. A transport that wraps another (to record or
/// inspect what it receives) implements it too, so that wrapping does not bring the copy per message back.
/// </summary>
public interface ILendingTransport : IWebSocketTransport
{
    /// <summary>
    /// The next message, as <see cref="IWebSocketTransport.ReceiveAsync"/> would return it, but with a data message's
    /// bytes lent: valid until the next receive.
    /// </summary>
    /// <param name="cancellationToken">Cancelled when the connection is torn down.</param>
    ValueTask<ReceivedMessage> ReceiveLentAsync(CancellationToken cancellationToken);
}
