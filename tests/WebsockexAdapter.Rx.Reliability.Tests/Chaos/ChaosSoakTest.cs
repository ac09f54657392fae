using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using WebsockexAdapter.Rx.Deribit;
using WebsockexAdapter.Rx.Reliability.Tests.Support;
using WebsockexAdapter.Rx.Simulator;
using Xunit.Abstractions;

namespace WebsockexAdapter.Rx.Reliability.Tests.Chaos;

/// <summary>
/// The adapter against the simulator over real sockets while a seeded schedule injects faults, with the invariants
/// checked all along. CI runs it for 60 s; <c>SOAK_SECONDS</c> runs it as long as wanted and <c>SOAK_SEED</c> picks the
/// schedule. The figures go to the test output and to <c>soak-report.txt</c> beside the test assembly (or to
/// <c>SOAK_REPORT</c>).
/// </summary>
[Collection(SoakGroup.Name)]
public sealed class ChaosSoakTest(ITestOutputHelper output)
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);

    private static readonly string[] WantedChannels =
    [
        $"book.{ChaosStrategy.Instrument}.100ms", $"ticker.{ChaosStrategy.Instrument}.100ms",
        $"trades.{ChaosStrategy.Instrument}.100ms", $"user.orders.{ChaosStrategy.Instrument}.raw",
    ];

    [Fact]
    public async Task UnderASeededFaultSchedule_EveryInvariantHolds_AndEveryFaultIsRecoveredFrom()
    {
        var duration = TimeSpan.FromSeconds(EnvironmentNumber("SOAK_SECONDS", 60));
        var seed = (int)EnvironmentNumber("SOAK_SEED", 20261201);
        var violations = new ConcurrentQueue<string>();
        var unobserved = new ConcurrentQueue<string>();
        void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e) => unobserved.Enqueue(e.Exception.ToString());
        TaskScheduler.UnobservedTaskException += OnUnobserved;
        try
        {
            await RunAsync(duration, seed, violations);
        }
        finally
        {
            // Tasks that faulted and were dropped unobserved are reported when the collector finalizes them.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            TaskScheduler.UnobservedTaskException -= OnUnobserved;
        }

        Assert.True(unobserved.IsEmpty, "unobserved task exceptions:\n" + string.Join("\n", unobserved.Take(5)));
        Assert.True(violations.IsEmpty, $"{violations.Count} invariant violations, the first ones:\n" + string.Join("\n", violations.Take(20)));
    }

    private async Task RunAsync(TimeSpan duration, int seed, ConcurrentQueue<string> violations)
    {
        var logs = new CapturingLoggerFactory();
        var secrets = new WireSecrets(SimulatorOptions.DefaultClientSecret);
        var tokens = new TokenLedger(violations);
        var sockets = new RecordingTransportFactory(secrets) { Tap = tokens.ForSocket };
        var schedule = new FaultSchedule(seed);
        var figures = new SoakFigures();
        var conditions = new Conditions();

        await using var exchange = new ChaosExchange(
            new SimulatorOptions
            {
                MinHeartbeatInterval = TimeSpan.FromMilliseconds(200),
                NotificationInterval = TimeSpan.FromMilliseconds(25),
                // Short-lived tokens, so the refresh path runs all through the soak.
                TokenLifetime = TimeSpan.FromSeconds(5),
            },
            violations);
        await exchange.StartAsync();

        // No jitter, so each reconnect delay can be checked exactly against the policy (BackoffEnvelope).
        var backoff = new BackoffOptions { InitialDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(1), UseJitter = false, CircuitBreaker = null };
        var adapter = new DeribitAdapter(new DeribitOptions
        {
            Url = exchange.Current.Uri,
            Credentials = new DeribitCredentials { ClientId = SimulatorOptions.DefaultClientId, ClientSecret = SimulatorOptions.DefaultClientSecret },
            CancelOnDisconnect = Deribit.CancelOnDisconnectScope.Connection,
            HeartbeatInterval = TimeSpan.FromSeconds(1),
            RequestTimeout = RequestTimeout,
            Backoff = backoff,
            Client = new ClientOptions { TransportFactory = sockets },
            LoggerFactory = logs,
        });
        var strategy = new ChaosStrategy(adapter, RequestTimeout * 4, backoff, conditions, violations);
        var clock = Stopwatch.StartNew();
        var lastResting = (string?)null;
        try
        {
            strategy.Start();
            lastResting = await RecoverAsync(strategy, exchange.Current, figures, 0, clock.Elapsed, clock, lastResting, countIt: false);
            var cycle = 0;
            while (clock.Elapsed < duration && violations.IsEmpty)
            {
                var fault = schedule.Next();
                figures.Injected.AddOrUpdate(fault, 1, static (_, n) => n + 1);
                var before = strategy.Epoch;
                var injectedAt = clock.Elapsed;
                var endsConnection = await InjectAsync(fault, schedule, exchange, strategy);
                if (endsConnection || strategy.Epoch != before || strategy.Reconnecting > 0 && adapter.CurrentSession is null)
                {
                    figures.UnplannedRecoveries += endsConnection ? 0 : 1;
                    lastResting = await RecoverAsync(strategy, exchange.Current, figures, before, injectedAt, clock, fault == ChaosFault.ServerRestart ? null : lastResting, countIt: true);
                }

                figures.LogLinesChecked += CheckSecrets(logs, secrets, violations, strategy.Descriptions);
                var delivered = strategy.BookMessages;
                await conditions.WaitAsync(() => strategy.BookMessages >= delivered + 5, StepTimeout, "the book to deliver between faults");
                if (++cycle % 3 == 0)
                {
                    figures.SampleMemory(clock.Elapsed.TotalSeconds, GC.GetTotalMemory(forceFullCollection: true));
                }
            }
        }
#pragma warning disable CA1031 // A step that timed out is a violation (a hang or a recovery that never came); the report still prints.
        catch (TimeoutException stuck)
#pragma warning restore CA1031
        {
            violations.Enqueue($"stuck at {clock.Elapsed.TotalSeconds:0.0} s in state {adapter.CurrentState}: {stuck.Message}");
        }
        finally
        {
            strategy.Dispose();
            await Bounded(strategy.DrainCallsAsync(RequestTimeout * 5), "the last calls to end", violations);
            strategy.Descriptions.Enqueue($"{adapter.CurrentState} {adapter.CurrentState.Error} {adapter.Health} {adapter.Options} {adapter.Options.Credentials}");
            adapter.Dispose();
            await Bounded(exchange.Current.WaitForConnectionsAliveAsync(0, TimeSpan.FromSeconds(10)), "the last connection to close", violations);
            figures.LogLinesChecked += CheckSecrets(logs, secrets, violations, strategy.Descriptions);
            var report = figures.Report(clock.Elapsed, schedule.Seed, strategy.Figures, string.Create(CultureInfo.InvariantCulture,
                $"calls: {strategy.CallsDone} ({string.Join(", ", strategy.CallOutcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}"))})\n" +
                $"sockets: {sockets.Created} opened by the client, at most {sockets.MaxAlive} alive at once; the server restarted {exchange.Restarts} times\n" +
                $"restore: {exchange.RestoresChecked} connections checked in order (heartbeat, auth, cancel-on-disconnect, subscribe); {strategy.DropFigures}\n" +
                $"access tokens: {tokens.Issued} issued on {sockets.Created} sockets, {tokens.Refreshes} refresh grants, {tokens.Unauthorized} 13009 answers\n" +
                $"secrets: {secrets.Count} seen on the wire ({secrets.CountOf("access_token")} access tokens, {secrets.CountOf("refresh_token")} refresh tokens, {secrets.CountOf("signature")} signatures), none in {figures.LogLinesChecked} log lines, errors and descriptions\n" +
                $"violations: {violations.Count}\n"));
            output.WriteLine(report);
            await File.WriteAllTextAsync(Environment.GetEnvironmentVariable("SOAK_REPORT") ?? Path.Combine(AppContext.BaseDirectory, "soak-report.txt"), report);
            if (sockets.MaxAlive > 1)
            {
                violations.Enqueue($"{sockets.MaxAlive} client sockets were alive at once");
            }

            var (early, late) = figures.MemoryTrend();
            if (late > early * 1.5 + 16 * 1024 * 1024)
            {
                violations.Enqueue($"managed memory trends upward: {early} bytes in the middle of the run, {late} at the end");
            }
        }
    }

    /// <summary>Injects one fault; true when it is meant to end the connection.</summary>
    private static async Task<bool> InjectAsync(ChaosFault fault, FaultSchedule schedule, ChaosExchange exchange, ChaosStrategy strategy)
    {
        var simulator = exchange.Current;
        var conditions = strategy.Conditions;
        var reconnects = strategy.Reconnecting;
        var calls = strategy.CallsDone;
        switch (fault)
        {
            case ChaosFault.Drop:
                simulator.DropAllConnections();
                return true;
            case ChaosFault.ServerRestart:
                await exchange.RestartAsync();
                return true;
            case ChaosFault.Close1000:
            case ChaosFault.Close1001:
            case ChaosFault.Close1011:
            case ChaosFault.Close4000:
                simulator.CloseAllConnections(int.Parse(fault.ToString()[5..], CultureInfo.InvariantCulture), "chaos");
                return true;
            case ChaosFault.Stall:
                foreach (var open in simulator.Connections.Where(c => c.IsOpen))
                {
                    // A stalled server does not read, so it cannot see the client hang up until it resumes.
                    exchange.Stalled[open.Id] = 0;
                }

                simulator.Stall(true);
                await conditions.WaitAsync(() => strategy.Reconnecting > reconnects, StepTimeout, "the client to give up on a stalled connection");
                simulator.Stall(false);
                return true;
            case ChaosFault.HeartbeatStop:
                simulator.StopHeartbeats(true);
                await conditions.WaitAsync(() => strategy.Reconnecting > reconnects, StepTimeout, "the client to notice the heartbeats stopped");
                simulator.StopHeartbeats(false);
                return true;
            case ChaosFault.RefusalWindow:
                simulator.RefuseConnections(schedule.RefusalWindow());
                simulator.DropAllConnections();
                return true;
            case ChaosFault.KillAfterMessages:
                simulator.KillAfterMessages(schedule.Between(1, 40));
                await conditions.WaitAsync(() => strategy.Reconnecting > reconnects, StepTimeout, "a connection killed after some messages");
                simulator.KillAfterMessages(0);
                return true;
            case ChaosFault.RateLimit:
                simulator.ForceRateLimit();
                await conditions.WaitAsync(() => strategy.Reconnecting > reconnects, StepTimeout, "the session a 10028 ended");
                return true;
            case ChaosFault.DelayedReplies:
                simulator.DelayReplies(schedule.ReplyDelay());
                await conditions.WaitAsync(() => strategy.CallsDone >= calls + 3, StepTimeout, "calls under delayed replies");
                simulator.DelayReplies(TimeSpan.Zero);
                return false;
            case ChaosFault.ReorderedReplies:
                simulator.ReorderReplies(true);
                await conditions.WaitAsync(() => strategy.CallsDone >= calls + 4, StepTimeout, "calls under reordered replies");
                simulator.ReorderReplies(false);
                return false;
            case ChaosFault.TokenExpiry:
                var succeeded = strategy.CallsSucceeded;
                simulator.ExpireAllTokens();
                await conditions.WaitAsync(() => strategy.CallsSucceeded > succeeded + 1, StepTimeout, "a private call to succeed after the tokens expired");
                return false;
            case ChaosFault.BookGap:
                var repairs = strategy.GapRepairs;
                var books = strategy.BookMessages;
                simulator.InjectBookGap();
                await conditions.WaitAsync(
                    () => strategy.GapRepairs > repairs || strategy.Reconnecting > reconnects,
                    StepTimeout,
                    () => $"the book to reset at the gap and deliver a fresh snapshot (book messages since: {strategy.BookMessages - books}, gap resets {strategy.GapResets}, snapshots {strategy.Snapshots})");
                return false;
            default:
                throw new ArgumentOutOfRangeException(nameof(fault), fault, null);
        }
    }

    /// <summary>
    /// Waits until the adapter is live on a connection after <paramref name="before"/> and every wanted channel delivers
    /// on it, checks the simulator's record of that connection, and rests an order on it (which must show on the
    /// account's order stream). Returns the new resting order's id.
    /// </summary>
    private static async Task<string> RecoverAsync(
        ChaosStrategy strategy, DeribitSimulator simulator, SoakFigures figures, int before, TimeSpan injectedAt, Stopwatch clock, string? lastResting, bool countIt)
    {
        var conditions = strategy.Conditions;
        await conditions.WaitAsync(() => strategy.Epoch > before, StepTimeout, $"a live session after epoch {before}");
        var epoch = strategy.Epoch;
        await conditions.WaitAsync(
            () => strategy.BookEpoch >= epoch && strategy.TickerEpoch >= epoch && strategy.TradesEpoch >= epoch,
            StepTimeout,
            $"book, ticker and trades to deliver on epoch {epoch}");
        if (countIt)
        {
            figures.Recovered(clock.Elapsed - injectedAt);
        }

        await simulator.WaitForConnectionsAliveAsync(1, StepTimeout);
        var current = simulator.Connections.Single(c => c.IsOpen);
        RestoreOrder.Check([current], strategy.Violations);
        if (!current.IsAuthenticated || !current.CancelOnDisconnect.Enabled || current.HeartbeatInterval is null
            || WantedChannels.Except(current.Subscriptions).Any())
        {
            strategy.Violations.Enqueue(
                $"connection #{current.Id} was not fully restored: authenticated {current.IsAuthenticated}, cancel-on-disconnect {current.CancelOnDisconnect.Enabled}, " +
                $"heartbeat {current.HeartbeatInterval}, channels [{string.Join(", ", current.Subscriptions)}]");
        }

        if (lastResting is not null)
        {
            await simulator.WaitUntilAsync(s => s.GetOpenOrders().All(o => o.OrderId != lastResting), StepTimeout, "cancel-on-disconnect to cancel the last resting order");
        }

        // Placing can meet the tail of a fault; a typed failure is retried on the next live session.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var placed = await strategy.Adapter.BuyAsync(new OrderRequest { InstrumentName = ChaosStrategy.Instrument, Amount = 10, Price = 1000, Label = $"rest-{epoch}" }).WaitAsync(StepTimeout);
                var atEpoch = strategy.Epoch;
                await conditions.WaitAsync(() => strategy.OrderUpdateSeen(placed.Order.OrderId, atEpoch) || strategy.Epoch > atEpoch, StepTimeout, "the resting order on the account's order stream");
                return placed.Order.OrderId;
            }
            catch (WebSocketClientException) when (attempt < 3)
            {
                var now = strategy.Epoch;
                await conditions.WaitAsync(() => strategy.Epoch > now, StepTimeout, "a live session to rest the order on");
            }
        }
    }

    private static async Task Bounded(Task wait, string what, ConcurrentQueue<string> violations)
    {
        try
        {
            await wait.WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
            violations.Enqueue($"timed out waiting for {what}");
        }
    }

    private static int CheckSecrets(CapturingLoggerFactory logs, WireSecrets secrets, ConcurrentQueue<string> violations, ConcurrentQueue<string> descriptions)
    {
        var lines = logs.Drain();
        while (descriptions.TryDequeue(out var description))
        {
            lines.Add(description);
        }

        foreach (var line in lines)
        {
            if (secrets.FindIn(line) is { } kind)
            {
                violations.Enqueue($"a {kind} appeared in a log line or error");
            }
        }

        return lines.Count;
    }

    private static double EnvironmentNumber(string name, double fallback) =>
        double.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
