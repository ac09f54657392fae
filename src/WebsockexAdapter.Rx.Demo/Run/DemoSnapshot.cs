using WebsockexAdapter.Rx.Deribit;

namespace WebsockexAdapter.Rx.Demo.Run;

/// <summary>Everything the live view shows, read at one moment.</summary>
internal sealed record DemoSnapshot
{
    public required string Target { get; init; }

    public required TimeSpan Elapsed { get; init; }

    public required TimeSpan Duration { get; init; }

    /// <summary>The time between faults, or <see langword="null"/> when no faults are injected.</summary>
    public TimeSpan? FaultInterval { get; init; }

    public required AdapterState State { get; init; }

    public required int Reconnects { get; init; }

    /// <summary>The last fault the adapter recovered from.</summary>
    public FaultRecord? LastRecovery { get; init; }

    public required IReadOnlyList<ChannelStats> Channels { get; init; }

    /// <summary>The best bid and ask, or <see langword="null"/> while the book waits for its snapshot.</summary>
    public TopOfBook? Top { get; init; }

    /// <summary>The resting order of the current connection.</summary>
    public RestingOrder? Order { get; init; }

    /// <summary>The last faults, recoveries and order events, oldest first.</summary>
    public required IReadOnlyList<DemoEvent> Log { get; init; }
}
