using System.Diagnostics;
using WebsockexAdapter.Rx.Deribit;
using WebsockexAdapter.Rx.Simulator;

namespace WebsockexAdapter.Rx.Benchmarks.Soak;

/// <summary>
/// The adapter's half of soak-memory: one <see cref="DeribitAdapter"/> against the embedded simulator, each cycle a
/// restored session (set_heartbeat, subscribe to a ticker) that the simulator then drops (TCP reset), and the
/// adapter reconnecting at once (zero backoff). The footprint is probed around the measured cycles, with the adapter
/// and the simulator gone.
/// </summary>
internal static class AdapterCycles
{
    public static async Task<CycleResult> RunAsync(SoakSettings settings, CancellationToken cancellationToken)
    {
        // The simulator keeps a record of every connection it served (its observability API), so each phase gets its
        // own simulator and the probes are taken with none running: what remains is the adapter's.
        await CycleOnNewSimulatorAsync(settings.WarmupCycles, settings, cancellationToken).ConfigureAwait(false);
        await SettleAsync(settings, cancellationToken).ConfigureAwait(false);
        var before = MemoryProbe.Take();
        var started = Stopwatch.GetTimestamp();
        var sessions = await CycleOnNewSimulatorAsync(settings.AdapterCycles, settings, cancellationToken).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        await SettleAsync(settings, cancellationToken).ConfigureAwait(false);
        var after = MemoryProbe.Take();
        return new CycleResult(sessions, elapsed, before, after);
    }

    private static Task SettleAsync(SoakSettings settings, CancellationToken cancellationToken) =>
        settings.Settle > TimeSpan.Zero ? Task.Delay(settings.Settle, cancellationToken) : Task.CompletedTask;

    private static async Task<int> CycleOnNewSimulatorAsync(int cycles, SoakSettings settings, CancellationToken cancellationToken)
    {
        // Rate limits off on both sides: with Deribit's budget (20 requests a second once the burst is spent) ten thousand
        // restores would take a quarter of an hour of pacing, which is the limiter working, not what is measured here.
        await using var simulator = await DeribitSimulator.StartAsync(new SimulatorOptions { RateLimit = new RateLimitOptions { Enabled = false } }, cancellationToken).ConfigureAwait(false);
        return await CycleAsync(simulator, cycles, settings, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> CycleAsync(DeribitSimulator simulator, int cycles, SoakSettings settings, CancellationToken cancellationToken)
    {
        var sessions = 0;
        var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (var adapter = new DeribitAdapter(new DeribitOptions
        {
            Url = simulator.Uri,
            Backoff = new BackoffOptions { InitialDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero, UseJitter = false, CircuitBreaker = null },
            RateLimits = new DeribitRateLimitOptions { Enabled = false },
        }))
        {
            using var restored = adapter.Connections.Subscribe(
                _ =>
                {
                    Interlocked.Increment(ref sessions);
                    Volatile.Read(ref next).TrySetResult();
                },
                error => Volatile.Read(ref next).TrySetException(error));

            // Connections hands out each session as it is restored, not the one already live: watched before anything
            // connects, or a first restore faster than the next line is missed and the first wait never ends.
            using var ticker = adapter.Subscribe("ticker.BTC-PERPETUAL.100ms").Subscribe(static _ => { }, error => Volatile.Read(ref next).TrySetException(error));
            for (var cycle = 1; cycle <= cycles; cycle++)
            {
                try
                {
                    await Volatile.Read(ref next).Task.WaitAsync(settings.Timeout, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    throw new TimeoutException($"The adapter restored {sessions} sessions and then no more within {settings.Timeout.TotalSeconds:0} s; it is {adapter.CurrentState}.");
                }

                Volatile.Write(ref next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                simulator.DropAllConnections();
            }
        }

        await simulator.WaitForConnectionsAliveAsync(0, settings.Timeout).WaitAsync(cancellationToken).ConfigureAwait(false);
        return sessions;
    }
}
