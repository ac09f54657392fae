namespace WebsockexAdapter.Rx.Deribit;

/// <summary>Figures for a dashboard, read at one moment.</summary>
public sealed record AdapterHealth
{
    /// <summary>The current connection epoch (0 before the first connection is live).</summary>
    public int Epoch { get; init; }

    /// <summary>
    /// How many times a connection the adapter had opened was lost, whatever the cause (a drop, a silent heartbeat, a close,
    /// a failed restore step), and a reconnect began; refused handshakes on the way back are part of the same reconnect.
    /// </summary>
    public int Reconnects { get; init; }

    /// <summary>How long the last restore took, from the handshake to live.</summary>
    public TimeSpan? LastRestoreDuration { get; init; }

    /// <summary>When the adapter last became live, on its scheduler.</summary>
    public DateTimeOffset? LastLiveAt { get; init; }

    /// <summary>Calls waiting for their reply on the current connection.</summary>
    public int PendingCalls { get; init; }

    /// <summary>Received messages skipped as unusable (malformed JSON, unknown reply ids) since the adapter was built.</summary>
    public long SkippedMessages { get; init; }

    /// <summary>Notifications a typed stream could not decode (each skipped with a log line).</summary>
    public long DecodeFailures { get; init; }

    /// <summary>Channels wanted now (what every restore replays).</summary>
    public int WantedChannels { get; init; }
}
