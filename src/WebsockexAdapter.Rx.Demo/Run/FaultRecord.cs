namespace WebsockexAdapter.Rx.Demo.Run;

/// <summary>One injected fault and what the adapter made of it.</summary>
/// <param name="Number">1 for the first fault of the run.</param>
/// <param name="Kind">The fault.</param>
/// <param name="Detail">How it was injected, e.g. "close frame 4000".</param>
/// <param name="InjectedAt">When, since the run started.</param>
/// <param name="EpochBefore">The connection epoch it hit.</param>
internal sealed record FaultRecord(int Number, FaultKind Kind, string Detail, TimeSpan InjectedAt, int EpochBefore)
{
    /// <summary>The error the adapter reported when it left the connection, e.g. a heartbeat timeout.</summary>
    public string? DetectedAs { get; init; }

    /// <summary>When the adapter was live again on a new connection, since the run started.</summary>
    public TimeSpan? RecoveredAt { get; init; }

    /// <summary>The epoch of the new connection.</summary>
    public int? EpochAfter { get; init; }

    /// <summary>From the fault to live again, restore included.</summary>
    public TimeSpan? RecoveryTime => RecoveredAt - InjectedAt;

    public bool Recovered => RecoveredAt is not null;
}
