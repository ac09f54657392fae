using System.Diagnostics;
using WebsockexAdapter.Rx.Deribit;
using WebsockexAdapter.Rx.Simulator;

namespace WebsockexAdapter.Rx.Benchmarks.Recovery;

/// <summary>
/// Recovery time against the embedded simulator: an authenticated adapter with cancel-on-disconnect and N channels
/// subscribed; the simulator kills every connection; the time runs from the kill to the moment every channel has
/// delivered a message on the new connection. The adapter's first backoff delay is zero, so what is measured is the
/// library's own cost: noticing the drop, a new socket, set_heartbeat, auth, cancel-on-disconnect, subscribe, and the
/// first notification of each channel (which the simulator publishes every <see cref="RecoverySettings.NotificationInterval"/>).
/// Rate limiting is off on both sides: a restore is four requests, and fifty kills in a few seconds would spend
/// Deribit's default credit budget (a burst of 100 requests, then 20 a second) after about 25 kills, after which the
/// adapter's limiter paces each restore at about 200 ms by design; that would measure the budget, not the restore.
/// The last row is what a user gets out of the box: adapter and simulator with every default option (backoff with
/// jitter, keep-alive, heartbeat, rate limits on both sides), each connection killed once it has been up longer than
/// the backoff's reset time (<see cref="RecoverySettings.DefaultOptionsUptime"/>).
/// </summary>
internal static class RecoverySuite
{
    public static async Task<RecoveryReport> RunAsync(RecoverySettings settings, TextWriter progress, CancellationToken cancellationToken)
    {
        var rows = new List<RecoveryResult>();
        foreach (var count in settings.ChannelCounts)
        {
            rows.Add(await MeasureAsync(count, defaultOptions: false, settings, cancellationToken).ConfigureAwait(false));
            await progress.WriteLineAsync($"{count} channel(s): {settings.Kills} kills done").ConfigureAwait(false);
        }

        rows.Add(await MeasureAsync(settings.DefaultOptionsChannels, defaultOptions: true, settings, cancellationToken).ConfigureAwait(false));
        await progress.WriteLineAsync($"{settings.DefaultOptionsChannels} channel(s), default options: {settings.DefaultOptionsKills} kills done").ConfigureAwait(false);

        return new RecoveryReport(settings, rows);
    }

    /// <summary>Ticker and trades channels of as many instruments as it takes: two channels per instrument.</summary>
    private static (IReadOnlyList<string> Instruments, IReadOnlyList<string> Channels) ChannelsFor(int count)
    {
        var instruments = Enumerable.Range(1, (count + 1) / 2).Select(i => $"SIM{i}-PERPETUAL").ToArray();
        var channels = instruments.SelectMany(i => new[] { $"ticker.{i}.100ms", $"trades.{i}.100ms" }).Take(count).ToArray();
        return (instruments, channels);
    }

    private static async Task<RecoveryResult> MeasureAsync(int count, bool defaultOptions, RecoverySettings settings, CancellationToken cancellationToken)
    {
        var (instruments, channels) = ChannelsFor(count);
        var simulatorOptions = new SimulatorOptions { Instruments = instruments, NotificationInterval = settings.NotificationInterval };
        await using var simulator = await DeribitSimulator.StartAsync(
            defaultOptions ? simulatorOptions : simulatorOptions with { RateLimit = new Simulator.RateLimitOptions { Enabled = false } },
            cancellationToken).ConfigureAwait(false);
        var credentials = new DeribitCredentials { ClientId = SimulatorOptions.DefaultClientId, ClientSecret = SimulatorOptions.DefaultClientSecret };
        using var adapter = new DeribitAdapter(defaultOptions
            ? new DeribitOptions { Url = simulator.Uri, Credentials = credentials }
            : new DeribitOptions
            {
                Url = simulator.Uri,
                Credentials = credentials,
                CancelOnDisconnect = Deribit.CancelOnDisconnectScope.Connection,
                Backoff = new BackoffOptions { InitialDelay = TimeSpan.Zero, MaxDelay = TimeSpan.FromSeconds(1), UseJitter = false, CircuitBreaker = null },
                RateLimits = new DeribitRateLimitOptions { Enabled = false },
            });
        var watch = new ChannelWatch(channels);
        var failure = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscriptions = channels
            .Select(channel => adapter.Subscribe(channel).Subscribe(watch.OnMessage, error => failure.TrySetException(error)))
            .ToList();
        try
        {
            await WaitAsync(watch.AllDeliveredAsync(1), failure.Task, settings, $"the first session of {count} channel(s)", cancellationToken).ConfigureAwait(false);
            var kills = defaultOptions ? settings.DefaultOptionsKills : settings.Kills;
            var recoveries = new List<TimeSpan>(kills);
            for (var kill = 1; kill <= kills; kill++)
            {
                if (defaultOptions)
                {
                    await Task.Delay(RecoverySettings.DefaultOptionsUptime, cancellationToken).ConfigureAwait(false);
                }

                var epoch = kill + 1;
                var restored = watch.AllDeliveredAsync(epoch);
                var killedAt = Stopwatch.GetTimestamp();
                simulator.DropAllConnections();
                var wholeAt = await WaitAsync(restored, failure.Task, settings, $"recovery {kill} of {count} channel(s)", cancellationToken).ConfigureAwait(false);
                recoveries.Add(Stopwatch.GetElapsedTime(killedAt, wholeAt));
            }

            return new RecoveryResult(count, defaultOptions, recoveries, adapter.Health.Reconnects);
        }
        finally
        {
            subscriptions.ForEach(subscription => subscription.Dispose());
        }
    }

    private static async Task<long> WaitAsync(Task<long> done, Task<long> failed, RecoverySettings settings, string what, CancellationToken cancellationToken)
    {
        var first = await Task.WhenAny(done, failed).WaitAsync(settings.Timeout, cancellationToken).ConfigureAwait(false);
        try
        {
            return await first.ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No {what} within {settings.Timeout.TotalSeconds:0} s.");
        }
    }
}
