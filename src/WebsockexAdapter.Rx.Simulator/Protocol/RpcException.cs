namespace WebsockexAdapter.Rx.Simulator.Protocol;

/// <summary>Thrown by a handler (usually while reading params) to answer with an error reply.</summary>
internal sealed class RpcException : Exception
{
    public RpcException(RpcError error)
        : base(error?.Message)
    {
        Error = error ?? throw new ArgumentNullException(nameof(error));
    }

    public RpcException()
        : this(new RpcError(ErrorCodes.InvalidRequest, "Invalid Request"))
    {
    }

    public RpcException(string message)
        : this(new RpcError(ErrorCodes.InvalidRequest, message))
    {
    }

    public RpcException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = new RpcError(ErrorCodes.InvalidRequest, message);
    }

    public RpcError Error { get; }
}
