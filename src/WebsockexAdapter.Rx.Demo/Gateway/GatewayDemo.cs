using System.Globalization;
using WebsockexAdapter.Rx.Demo.Cli;
using WebsockexAdapter.Rx.Deribit;
using WebsockexAdapter.Rx.Gateway;
using WebsockexAdapter.Rx.Simulator;

namespace WebsockexAdapter.Rx.Demo.Gateway;

/// <summary>
/// <c>--gateway</c>: one exchange session shared by three strategy hosts through NATS, on one machine. It starts a
/// nats-server child process, the simulator (unless <c>--url</c>), a <see cref="MarketDataGateway"/> on one adapter,
/// and three <see cref="GatewayMarketData"/> consumers (each its own NATS connection, as separate processes would
/// have), all running the same <see cref="MidStrategy"/> as a strategy on the gateway's adapter itself. Every fault
/// interval it drops the exchange connection under the gateway. It ends with a check: every host saw each drop as a
/// reset and a new epoch, got data again after the last one, and its book equals the local one at the same change id.
/// </summary>
internal static class GatewayDemo
{
    private const int Hosts = 3;
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(DemoSettings settings, DemoConsole console, CancellationToken stop)
    {
        if (LocalNatsServer.FindBinary() is null)
        {
            throw new DemoException(DemoError.NoNatsServer, $"--gateway needs a local NATS server. {LocalNatsServer.InstallHint}");
        }

        var output = console.Out;
        await using var nats = await LocalNatsServer.StartAsync(cancellationToken: stop);
        await using var simulator = settings.UsesSimulator
            ? await DeribitSimulator.StartAsync(new SimulatorOptions { MinHeartbeatInterval = settings.Heartbeat }, stop)
            : null;
        var faults = simulator is not null && settings.Faults;
        using var adapter = new DeribitAdapter(new DeribitOptions { Url = simulator?.Uri ?? settings.Url!, HeartbeatInterval = settings.Heartbeat });
        var gateway = new MarketDataGateway(adapter, new GatewayOptions { NatsUrl = nats.Url, LeaderTtl = null });
        using var stopGateway = new CancellationTokenSource();
        var gatewayRun = gateway.RunAsync(stopGateway.Token);
        var hosts = Enumerable.Range(1, Hosts).Select(i => new GatewayMarketData(new GatewayConsumerOptions { NatsUrl = nats.Url, ConsumerId = $"strategy-host-{i}" })).ToList();
        var strategies = new List<MidStrategy>();
        try
        {
            await output.WriteLineAsync($"nats-server at {nats.Url}; gateway {gateway.GatewayId} on {(simulator is null ? settings.Url!.ToString() : $"the embedded simulator at {simulator.Uri}")}; {Hosts} strategy hosts, subjects {gateway.Subjects.Data($"book.{settings.Instrument}.100ms")}");
            var local = new MidStrategy("local", adapter, settings.Instrument);
            strategies.Add(local);
            strategies.AddRange(hosts.Select((host, i) => new MidStrategy($"host {i + 1}", host, settings.Instrument)));
            var drops = await RunAsync(settings, strategies, gateway, faults ? simulator : null, output, stop);
            return await SummarizeAsync(strategies, drops, output, stop) ? 0 : 1;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await output.WriteLineAsync("stopped");
            return 1;
        }
        finally
        {
            foreach (var strategy in strategies)
            {
                strategy.Dispose();
            }

            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }

            await stopGateway.CancelAsync();
            await gatewayRun;
        }
    }

    /// <summary>Prints a line a second and drops the exchange connection every fault interval; returns the drops.</summary>
    private static async Task<int> RunAsync(DemoSettings settings, List<MidStrategy> strategies, MarketDataGateway gateway, DeribitSimulator? simulator, TextWriter output, CancellationToken stop)
    {
        var started = TimeProvider.System.GetTimestamp();
        var nextFault = settings.FaultInterval;
        var drops = 0;
        while (TimeProvider.System.GetElapsedTime(started) < settings.Duration)
        {
            await Task.Delay(Tick, stop);
            var elapsed = TimeProvider.System.GetElapsedTime(started);
            if (simulator is not null && elapsed >= nextFault && elapsed + Tick < settings.Duration)
            {
                simulator.DropAllConnections();
                drops++;
                nextFault = elapsed + settings.FaultInterval;
                await output.WriteLineAsync(Invariant($"{elapsed.TotalSeconds,4:0}s  fault {drops}: the exchange dropped the gateway's connection"));
            }

            await output.WriteLineAsync(Invariant($"{elapsed.TotalSeconds,4:0}s  gateway: {gateway.ConsumerCount} consumers, {gateway.PublishedMessages} sent | ") + string.Join(" | ", strategies.Select(Describe)));
        }

        return drops;
    }

    /// <summary>Waits for every host to have the local book at one change id, then prints and checks what the run showed.</summary>
    private static async Task<bool> SummarizeAsync(List<MidStrategy> strategies, int drops, TextWriter output, CancellationToken stop)
    {
        var local = strategies[0];
        var hosts = strategies.Skip(1).ToList();
        var settled = TimeProvider.System.GetTimestamp();
        TopOfBook? compared = null;
        while (TimeProvider.System.GetElapsedTime(settled) < SettleTimeout)
        {
            // A change every host has seen, and whose top equals the local strategy's at that change.
            if (hosts.Select(h => h.Now().Top).All(t => t is not null) && hosts.Min(h => h.Now().Top!.Value.ChangeId) is var common
                && local.TopAt(common) is { } expected && hosts.All(h => h.TopAt(common) == expected))
            {
                compared = expected;
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), stop);
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync("summary");
        var ok = true;
        foreach (var host in hosts)
        {
            var (updates, resets, epoch, top, error) = host.Now();
            var sawDrops = resets >= drops && epoch >= drops + 1;
            var live = top is not null && error is null;
            ok &= sawDrops && live;
            await output.WriteLineAsync(Invariant($"  {host.Name}: {updates} book updates, {resets} resets, epoch {epoch}: {(sawDrops ? $"saw each of the {drops} drops as a reset and a new epoch" : $"MISSED drops ({drops} dropped)")}; {(live ? "live at the end" : $"NOT live at the end{(error is null ? "" : $": {error}")}")}"));
        }

        ok &= compared is not null;
        await output.WriteLineAsync(compared is { } top2
            ? Invariant($"  every host's book equals the local adapter's at change {top2.ChangeId}: bid {top2.BestBid} / ask {top2.BestAsk}, mid {top2.Mid}")
            : Invariant($"  the hosts' books did NOT match the local adapter's at one change id within {SettleTimeout.TotalSeconds:0} s"));
        await output.WriteLineAsync(ok ? "one exchange session served every host, through every drop" : "the run did NOT show what it should (see above)");
        return ok;
    }

    private static string Describe(MidStrategy strategy)
    {
        var (updates, resets, epoch, top, error) = strategy.Now();
        return error is not null ? $"{strategy.Name}: failed ({error})"
            : Invariant($"{strategy.Name}: {updates} upd e{epoch} {resets} rst mid {(top is { } t ? t.Mid.ToString("0.00", CultureInfo.InvariantCulture) : "-")}");
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
