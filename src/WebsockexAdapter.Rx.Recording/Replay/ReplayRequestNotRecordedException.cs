namespace WebsockexAdapter.Rx.Recording;

/// <summary>
/// A request sent during a replay that the recording cannot answer: no request with the same method and params was
/// sent on the recorded connection (or it was answered already). Nothing reaches an exchange during a replay; an order
/// a strategy places while backtesting fails with this.
/// </summary>
public sealed class ReplayRequestNotRecordedException : WebSocketClientException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="method">The JSON-RPC method sent.</param>
    /// <param name="connection">The recorded connection being replayed.</param>
    public ReplayRequestNotRecordedException(string method, int connection)
        : base($"The replay has no recorded answer to {method} on connection {connection}: the recording sent no such request (same method and params) there, or it was answered already.")
    {
        Method = method;
        Connection = connection;
    }

    /// <summary>The JSON-RPC method sent.</summary>
    public string Method { get; }

    /// <summary>The recorded connection being replayed.</summary>
    public int Connection { get; }

    /// <summary>Trying again replays the same recording: it cannot help.</summary>
    public override bool IsTransient => false;
}
