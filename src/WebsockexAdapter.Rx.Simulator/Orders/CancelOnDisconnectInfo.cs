namespace WebsockexAdapter.Rx.Simulator;

/// <summary>A connection's cancel-on-disconnect state.</summary>
/// <param name="Enabled">Whether the connection's orders are cancelled when it closes or fails its heartbeat.</param>
/// <param name="Scope">Where the setting in force comes from: the connection's own, or the account's.</param>
public sealed record CancelOnDisconnectInfo(bool Enabled, CancelOnDisconnectScope Scope);
