namespace WebsockexAdapter.Rx.Testing;

/// <summary>Where a <see cref="ScriptedSocket"/> is in its life.</summary>
public enum ScriptedSocketState
{
    /// <summary>Created; the client has not started the handshake.</summary>
    Created,

    /// <summary>The handshake is waiting for the server's answer.</summary>
    Connecting,

    /// <summary>Accepted and open.</summary>
    Open,

    /// <summary>The server refused the handshake.</summary>
    Refused,

    /// <summary>Closed with a closing handshake.</summary>
    Closed,

    /// <summary>Broken without a closing handshake (dropped by the server or aborted by the client).</summary>
    Broken,
}
