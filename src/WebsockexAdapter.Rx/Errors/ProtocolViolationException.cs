namespace WebsockexAdapter.Rx;

/// <summary>
/// The server sent something RFC 6455 forbids (text that is not UTF-8, a close frame with a reserved or invalid code,
/// a fragmented or oversized control frame, an unknown opcode, reserved bits). The socket answered with its own close
/// frame (1002 or 1007) and the connection ended; what arrived before the bad frame was delivered. See
/// docs/hostile-input.md for what the client does with each kind of bad input.
/// </summary>
public sealed class ProtocolViolationException : WebSocketClientException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="detail">What the socket rejected.</param>
    /// <param name="innerException">The socket's error.</param>
    public ProtocolViolationException(string detail, Exception? innerException = null)
        : base($"The server broke the WebSocket protocol and the connection was closed: {detail}", innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public ProtocolViolationException()
        : this("a frame the socket rejected")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="detail">What the socket rejected.</param>
    public ProtocolViolationException(string detail)
        : this(detail, null)
    {
    }
}
