using WebsockexAdapter.Rx.Simulator.Connections;
using WebsockexAdapter.Rx.Simulator.Orders;

namespace WebsockexAdapter.Rx.Simulator.Observability;

/// <summary>Turns a live connection into the public, immutable <see cref="SimulatedConnectionInfo"/>.</summary>
internal static class ConnectionSnapshot
{
    public static SimulatedConnectionInfo Take(SimConnection connection, SimulatorState state)
    {
        var auth = connection.Auth;
        return new SimulatedConnectionInfo(
            connection.Id,
            connection.OpenedAt,
            connection.ClosedAt,
            connection.Methods.ToArray(),
            !connection.IsClosed && auth is not null && state.Tokens.IsValid(auth.AccessToken),
            auth?.ClientId,
            connection.Subscriptions.Names,
            CancelOnDisconnectSettings.Describe(connection, state),
            connection.Heartbeat.Interval,
            connection.CloseReason);
    }
}
