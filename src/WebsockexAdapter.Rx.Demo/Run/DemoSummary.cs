using WebsockexAdapter.Rx.Deribit;

namespace WebsockexAdapter.Rx.Demo.Run;

/// <summary>What a run proved: every fault, every channel, every resting order, and the claims that failed.</summary>
internal sealed record DemoSummary
{
    public required string Target { get; init; }

    public required TimeSpan Elapsed { get; init; }

    /// <summary>Ctrl+C ended the run before its duration.</summary>
    public bool StoppedByUser { get; init; }

    public required IReadOnlyList<FaultRecord> Faults { get; init; }

    public required int Reconnects { get; init; }

    /// <summary>The epoch of the connection the run ended on.</summary>
    public required int FinalEpoch { get; init; }

    public required AdapterStatus FinalStatus { get; init; }

    public required IReadOnlyList<ChannelStats> Channels { get; init; }

    public required IReadOnlyList<RestingOrder> Orders { get; init; }

    /// <summary>Each channel's messages per half second and the adapter's state changes, for the report's chart.</summary>
    public TimelineData? Timeline { get; init; }

    /// <summary>Every claim the run could not prove, one sentence each; empty when it proved them all.</summary>
    public required IReadOnlyList<string> Problems { get; init; }

    /// <summary>The channels whose last message came from an older connection than the last one.</summary>
    public IReadOnlyList<string> LostChannels => [.. Channels.Where(c => c.LastEpoch != FinalEpoch).Select(c => c.Channel)];

    /// <summary>The orders placed on a connection that ended during the run.</summary>
    public IReadOnlyList<RestingOrder> OrdersOnEndedConnections => [.. Orders.Where(o => o.Epoch < FinalEpoch)];

    public bool Succeeded => Problems.Count == 0;
}
