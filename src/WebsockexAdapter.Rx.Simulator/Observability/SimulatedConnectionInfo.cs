namespace WebsockexAdapter.Rx.Simulator;

/// <summary>A snapshot of what the simulator saw on one connection.</summary>
/// <param name="Id">1 for the first connection accepted, 2 for the next, ...; index <c>Id - 1</c> in <see cref="DeribitSimulator.Connections"/>.</param>
/// <param name="OpenedAt">When the WebSocket was accepted.</param>
/// <param name="ClosedAt">When the connection ended, or null while it is alive.</param>
/// <param name="Methods">Every method called, in order, including refused and unknown ones.</param>
/// <param name="IsAuthenticated">Whether the connection holds a token that has not expired.</param>
/// <param name="ClientId">The account it last authenticated as, or null.</param>
/// <param name="Subscriptions">The channels subscribed, in the order subscribed (kept after close).</param>
/// <param name="CancelOnDisconnect">Cancel-on-disconnect in force, and where it comes from.</param>
/// <param name="HeartbeatInterval">The heartbeat interval set, or null when heartbeats are off.</param>
/// <param name="CloseReason">Why it ended (the first reason recorded), or null while it is alive.</param>
public sealed record SimulatedConnectionInfo(
    int Id,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<string> Methods,
    bool IsAuthenticated,
    string? ClientId,
    IReadOnlyList<string> Subscriptions,
    CancelOnDisconnectInfo CancelOnDisconnect,
    TimeSpan? HeartbeatInterval,
    string? CloseReason)
{
    /// <summary>True while the connection is alive.</summary>
    public bool IsOpen => ClosedAt is null;
}
