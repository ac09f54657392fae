namespace WebsockexAdapter.Rx.Simulator;

/// <summary>A request the simulator received, raised before it is handled.</summary>
/// <param name="ConnectionId">The connection's id (see <see cref="SimulatedConnectionInfo.Id"/>).</param>
/// <param name="Method">The method name, as sent.</param>
public readonly record struct MethodCall(int ConnectionId, string Method);
