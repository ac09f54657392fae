namespace WebsockexAdapter.Rx.Reliability.Tests.Chaos;

/// <summary>The faults the soak injects, each through the simulator's fault-injection methods.</summary>
internal enum ChaosFault
{
    /// <summary>Abort every connection: no close frame, a TCP reset (what a client sees as 1006).</summary>
    Drop,
    Close1000,
    Close1001,
    Close1011,
    Close4000,

    /// <summary>Stop reading and writing until the client gives up on the connection.</summary>
    Stall,

    /// <summary>No heartbeats until the client gives up on the connection.</summary>
    HeartbeatStop,

    /// <summary>Refuse upgrades (HTTP 503) for a while, and drop the connection.</summary>
    RefusalWindow,

    /// <summary>End each connection after a few more messages.</summary>
    KillAfterMessages,

    /// <summary>Answer the next request 10028 and end its session.</summary>
    RateLimit,

    /// <summary>Delay every reply for a few calls.</summary>
    DelayedReplies,

    /// <summary>Swap replies in pairs for a few calls.</summary>
    ReorderedReplies,

    /// <summary>Expire every access token: the next private call is answered 13009.</summary>
    TokenExpiry,

    /// <summary>Skip a change id in the book.</summary>
    BookGap,

    /// <summary>The exchange restarts: every connection closed with 1001, then a new server on the same port.</summary>
    ServerRestart,
}
