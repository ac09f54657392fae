namespace WebsockexAdapter.Rx.Deribit;

/// <summary>No exchange heartbeat arrived for twice the heartbeat interval: the connection is presumed dead and is aborted.</summary>
public sealed class HeartbeatTimeoutException : WebSocketClientException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="interval">The heartbeat interval that was set.</param>
    public HeartbeatTimeoutException(TimeSpan interval)
        : base($"No heartbeat from the exchange for {(interval * 2).TotalSeconds:0.###} s (twice the {interval.TotalSeconds:0.###} s interval); the connection is presumed dead.")
    {
        Interval = interval;
    }

    /// <summary>Creates the exception with a default message.</summary>
    public HeartbeatTimeoutException()
        : base("No heartbeat from the exchange; the connection is presumed dead.")
    {
    }

    /// <summary>Creates the exception with a message of your own.</summary>
    /// <param name="message">The message.</param>
    public HeartbeatTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message of your own and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public HeartbeatTimeoutException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The heartbeat interval that was set.</summary>
    public TimeSpan Interval { get; }
}
