namespace WebsockexAdapter.Rx.Demo.Run;

/// <summary>The faults the demo rotates through, each a different way a real exchange connection dies.</summary>
internal enum FaultKind
{
    /// <summary>The TCP connection is reset: no close frame; the socket's read fails at once.</summary>
    Drop,

    /// <summary>The server stops reading and writing but keeps the socket open: only the missing heartbeats show it.</summary>
    Stall,

    /// <summary>The connection drops and, for a while, every new handshake is refused with HTTP 503.</summary>
    Refusal,

    /// <summary>The server closes with a close code and a reason, as for maintenance.</summary>
    Close,
}
