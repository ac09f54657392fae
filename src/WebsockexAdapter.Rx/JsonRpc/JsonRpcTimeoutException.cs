namespace WebsockexAdapter.Rx.JsonRpc;

/// <summary>No reply to a call arrived within its timeout. The call is forgotten: a late reply is logged and dropped.</summary>
public sealed class JsonRpcTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="method">The method that was called.</param>
    /// <param name="requestId">The request's id.</param>
    /// <param name="timeout">How long the call waited.</param>
    public JsonRpcTimeoutException(string method, long requestId, TimeSpan timeout)
        : base($"No reply to {method} (id {requestId}) within {timeout.TotalMilliseconds:0.###} ms.")
    {
        Method = method;
        RequestId = requestId;
        Timeout = timeout;
    }

    /// <summary>Creates the exception with a default message.</summary>
    public JsonRpcTimeoutException()
        : this("unknown", 0, TimeSpan.Zero)
    {
    }

    /// <summary>Creates the exception with a message of your own.</summary>
    /// <param name="message">The message.</param>
    public JsonRpcTimeoutException(string message)
        : base(message)
    {
        Method = "unknown";
    }

    /// <summary>Creates the exception with a message of your own and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public JsonRpcTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
        Method = "unknown";
    }

    /// <summary>The method that was called.</summary>
    public string Method { get; }

    /// <summary>The request's id.</summary>
    public long RequestId { get; }

    /// <summary>How long the call waited.</summary>
    public TimeSpan Timeout { get; }
}
