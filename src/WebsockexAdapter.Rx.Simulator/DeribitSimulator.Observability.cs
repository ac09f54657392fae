using WebsockexAdapter.Rx.Simulator.Connections;

namespace WebsockexAdapter.Rx.Simulator;

/// <summary>What the simulator saw, and awaitable conditions on it (never sleeps, always times out).</summary>
public sealed partial class DeribitSimulator
{
    /// <summary>The timeout of the Wait methods when none is given: 5 seconds.</summary>
    public static readonly TimeSpan DefaultWaitTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Raised for every request received (before it is handled), on the connection's thread.</summary>
    public event EventHandler<MethodCall>? MethodCalled;

    /// <summary>A snapshot of every connection accepted, in order: index <c>i</c> has <c>Id == i + 1</c>.</summary>
    public IReadOnlyList<SimulatedConnectionInfo> Connections => [.. _state.Registry.All().Select(c => c.Snapshot())];

    /// <summary>How many WebSocket connections have been accepted.</summary>
    public int ConnectionsOpened => _state.Registry.Opened;

    /// <summary>How many connections are alive now.</summary>
    public int ConnectionsAlive => _state.Registry.Alive;

    /// <summary>The open (resting) orders of every account, optionally of one instrument, in the order placed.</summary>
    /// <param name="instrument">An instrument name, or null for all.</param>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<SimulatedOrder> GetOpenOrders(string? instrument = null) => _state.Orders.Open(null, instrument);

    /// <summary>Completes once at least <paramref name="opened"/> connections have been accepted.</summary>
    /// <param name="opened">The count to reach.</param>
    /// <param name="timeout">How long to wait; <see cref="DefaultWaitTimeout"/> when null.</param>
    /// <returns>A task that fails with <see cref="TimeoutException"/> when the count is not reached in time.</returns>
    public Task WaitForConnectionsAsync(int opened, TimeSpan? timeout = null) =>
        WaitUntilAsync(s => s.ConnectionsOpened >= opened, timeout, $"{opened} connections opened");

    /// <summary>Completes once exactly <paramref name="alive"/> connections are alive.</summary>
    /// <param name="alive">The count to reach.</param>
    /// <param name="timeout">How long to wait; <see cref="DefaultWaitTimeout"/> when null.</param>
    /// <returns>A task that fails with <see cref="TimeoutException"/> when the count is not reached in time.</returns>
    public Task WaitForConnectionsAliveAsync(int alive, TimeSpan? timeout = null) =>
        WaitUntilAsync(s => s.ConnectionsAlive == alive, timeout, $"{alive} connections alive");

    /// <summary>Completes once connection <paramref name="connectionIndex"/> (0 = first accepted) has called <paramref name="method"/> <paramref name="occurrences"/> times.</summary>
    /// <param name="method">The method name, e.g. <c>private/subscribe</c>.</param>
    /// <param name="connectionIndex">0 for the first connection accepted, 1 for the second, ...</param>
    /// <param name="occurrences">How many calls to wait for.</param>
    /// <param name="timeout">How long to wait; <see cref="DefaultWaitTimeout"/> when null.</param>
    /// <returns>The connection's snapshot at that moment.</returns>
    public async Task<SimulatedConnectionInfo> WaitForMethodAsync(string method, int connectionIndex = 0, int occurrences = 1, TimeSpan? timeout = null)
    {
        await WaitUntilAsync(
            _ => Connection(connectionIndex)?.Snapshot().Methods.Count(m => m == method) >= occurrences,
            timeout,
            $"connection #{connectionIndex} to call {method} {occurrences} time(s)").ConfigureAwait(false);
        return Connection(connectionIndex)!.Snapshot();
    }

    /// <summary>Completes once connection <paramref name="connectionIndex"/> has ended and been cleaned up (cancel-on-disconnect included).</summary>
    /// <param name="connectionIndex">0 for the first connection accepted, 1 for the second, ...</param>
    /// <param name="timeout">How long to wait; <see cref="DefaultWaitTimeout"/> when null.</param>
    /// <returns>The connection's final snapshot.</returns>
    public async Task<SimulatedConnectionInfo> WaitForConnectionClosedAsync(int connectionIndex, TimeSpan? timeout = null)
    {
        await WaitUntilAsync(_ => Connection(connectionIndex)?.IsClosed == true, timeout, $"connection #{connectionIndex} to close").ConfigureAwait(false);
        return Connection(connectionIndex)!.Snapshot();
    }

    /// <summary>Completes once <paramref name="condition"/> holds; it is re-checked on every change the simulator records.</summary>
    /// <param name="condition">Checked on the simulator; must be quick and must not call the simulator's Wait methods.</param>
    /// <param name="timeout">How long to wait; <see cref="DefaultWaitTimeout"/> when null.</param>
    /// <param name="description">What is awaited, for the timeout's message.</param>
    /// <returns>A task that fails with <see cref="TimeoutException"/> when the condition does not hold in time.</returns>
    public Task WaitUntilAsync(Func<DeribitSimulator, bool> condition, TimeSpan? timeout = null, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return _state.Changes.WaitAsync(
            () => condition(this),
            timeout ?? DefaultWaitTimeout,
            () => $"{description ?? "a condition"} (opened {ConnectionsOpened}, alive {ConnectionsAlive})");
    }

    /// <summary>Connection <paramref name="index"/>'s live state (internal for this assembly's tests: its credits, for one).</summary>
    internal SimConnection? Connection(int index)
    {
        var all = _state.Registry.All();
        return index >= 0 && index < all.Count ? all[index] : null;
    }

    private void RaiseMethodCalled(SimConnection connection, string method)
    {
        try
        {
            MethodCalled?.Invoke(this, new MethodCall(connection.Id, method));
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // A test's callback must not take the connection down; it is logged instead.
            Log.CallbackFailed(_state.Logger, error);
        }
    }
}
