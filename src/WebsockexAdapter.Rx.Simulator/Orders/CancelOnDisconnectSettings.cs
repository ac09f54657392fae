using WebsockexAdapter.Rx.Simulator.Connections;

namespace WebsockexAdapter.Rx.Simulator.Orders;

/// <summary>
/// Account-scope cancel-on-disconnect flags. A connection's own setting, when it has one, wins; otherwise it
/// follows its account's. Either way, firing cancels the orders placed on that connection only.
/// </summary>
internal sealed class CancelOnDisconnectSettings
{
    private readonly object _gate = new();
    private readonly HashSet<string> _accounts = new(StringComparer.Ordinal);

    public bool IsAccountEnabled(string clientId)
    {
        lock (_gate)
        {
            return _accounts.Contains(clientId);
        }
    }

    public void SetAccount(string clientId, bool enabled)
    {
        lock (_gate)
        {
            _ = enabled ? _accounts.Add(clientId) : _accounts.Remove(clientId);
        }
    }

    public static bool IsEnabled(SimConnection connection, SimulatorState state) => Describe(connection, state).Enabled;

    public static CancelOnDisconnectInfo Describe(SimConnection connection, SimulatorState state)
    {
        if (connection.CancelOnDisconnect is { } own)
        {
            return new CancelOnDisconnectInfo(own, CancelOnDisconnectScope.Connection);
        }

        var account = connection.Auth is { } auth && state.CancelOnDisconnect.IsAccountEnabled(auth.ClientId);
        return new CancelOnDisconnectInfo(account, account ? CancelOnDisconnectScope.Account : CancelOnDisconnectScope.Connection);
    }
}
