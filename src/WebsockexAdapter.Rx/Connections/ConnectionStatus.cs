namespace WebsockexAdapter.Rx;

/// <summary>Where a client is in its connection lifecycle.</summary>
public enum ConnectionStatus
{
    /// <summary>No socket, and none wanted: nobody is subscribed, or the last connection ended normally.</summary>
    Disconnected,

    /// <summary>An opening handshake is under way.</summary>
    Connecting,

    /// <summary>A socket is open.</summary>
    Connected,

    /// <summary>The last attempt failed or the connection dropped; the next attempt waits for the backoff delay.</summary>
    Reconnecting,

    /// <summary>The client gave up: the error was not worth retrying, retry is off, or attempts ran out.</summary>
    Faulted,
}
