using System.Collections.Concurrent;
using WebsockexAdapter.Rx.Simulator;

namespace WebsockexAdapter.Rx.Reliability.Tests.Chaos;

/// <summary>
/// The simulator the soak runs against, restartable on the same port (a server restart is one of the faults, and it
/// also frees the simulator's in-process record of every connection, so the memory trend is the client's). While a
/// simulator runs, every change it records re-checks that at most one connection is alive on its side; before one
/// stops, every connection it recorded is checked for the restore order.
/// </summary>
internal sealed class ChaosExchange(SimulatorOptions options, ConcurrentQueue<string> violations) : IAsyncDisposable
{
    private Task _watch = Task.CompletedTask;
    private bool _stopWatching;

    public DeribitSimulator Current { get; private set; } = null!;

    /// <summary>Connections (by the current simulator's ids) that a stall keeps alive on the server's side: it cannot see the client hang up.</summary>
    public ConcurrentDictionary<int, byte> Stalled { get; } = new();

    public int Restarts { get; private set; }

    /// <summary>Connections whose record was checked for the restore order, over every simulator run.</summary>
    public int RestoresChecked { get; private set; }

    public async Task StartAsync()
    {
        Current = await DeribitSimulator.StartAsync(options);
        options = options with { Port = Current.Port };
        Watch();
    }

    /// <summary>Closes every connection with 1001, stops the server, and starts a new one on the same port.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        Restarts++;
        await StartAsync();
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private void Watch()
    {
        var simulator = Current;
        Volatile.Write(ref _stopWatching, false);
        Stalled.Clear();
        _watch = simulator.WaitUntilAsync(
            s =>
            {
                if (s.ConnectionsAlive > 1)
                {
                    // A connection the server has begun to end (a drop, a close it sent) may still be unwinding when
                    // the client, retrying at once, is accepted again: only connections nobody is ending count.
                    var open = s.Connections.Where(c => c.IsOpen && c.CloseReason is null && !Stalled.ContainsKey(c.Id)).Select(c => c.Id).ToList();
                    if (open.Count > 1)
                    {
                        violations.Enqueue($"{open.Count} connections alive at once on the server: {string.Join(", ", open)}");
                    }
                }

                return Volatile.Read(ref _stopWatching);
            },
            TimeSpan.FromDays(1),
            "the end of the watch");
    }

    private async Task StopAsync()
    {
        if (Current is null)
        {
            return;
        }

        Volatile.Write(ref _stopWatching, true);
        var connections = Current.Connections;
        RestoreOrder.Check(connections, violations);
        RestoresChecked += connections.Count;

        // Any recorded change re-checks the watch, which now ends; expiring tokens is one that costs nothing here.
        Current.ExpireAllTokens();
        try
        {
            await _watch.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            violations.Enqueue("the live-connection watch did not end");
        }

        await Current.DisposeAsync();
    }
}
