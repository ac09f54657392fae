namespace WebsockexAdapter.Rx.Recording;

/// <summary>A connection attempt after the last one the recording holds: there is nothing more to replay.</summary>
public sealed class ReplayEndedException : WebSocketClientException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="connections">How many connection attempts the recording holds.</param>
    public ReplayEndedException(int connections)
        : base($"The recording holds {connections} connection attempt(s), and all were replayed.")
    {
        Connections = connections;
    }

    /// <summary>How many connection attempts the recording holds.</summary>
    public int Connections { get; }

    /// <summary>Trying again cannot help: the recording is over.</summary>
    public override bool IsTransient => false;
}
