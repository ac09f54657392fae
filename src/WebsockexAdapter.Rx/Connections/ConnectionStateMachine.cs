using System.Reactive.Concurrency;

namespace WebsockexAdapter.Rx;

/// <summary>The one place a client's status changes, every transition checked against the table below.</summary>
internal sealed class ConnectionStateMachine(IScheduler scheduler) : CheckedStateMachine<ConnectionStatus, ConnectionState>(
    "connection",
    Allowed,
    new ConnectionState(ConnectionStatus.Disconnected, scheduler.Now) { Reason = "not started" },
    static state => state.Status,
    static (status, at) => new ConnectionState(status, at),
    scheduler)
{
    private static readonly Dictionary<ConnectionStatus, ConnectionStatus[]> Allowed = new()
    {
        [ConnectionStatus.Disconnected] = [ConnectionStatus.Connecting],
        [ConnectionStatus.Connecting] = [ConnectionStatus.Connected, ConnectionStatus.Reconnecting, ConnectionStatus.Faulted, ConnectionStatus.Disconnected],
        [ConnectionStatus.Connected] = [ConnectionStatus.Reconnecting, ConnectionStatus.Faulted, ConnectionStatus.Disconnected],
        [ConnectionStatus.Reconnecting] = [ConnectionStatus.Connecting, ConnectionStatus.Reconnecting, ConnectionStatus.Faulted, ConnectionStatus.Disconnected],
        [ConnectionStatus.Faulted] = [ConnectionStatus.Connecting],
    };

    public static bool CanMove(ConnectionStatus from, ConnectionStatus to) => Allowed[from].Contains(to);
}
