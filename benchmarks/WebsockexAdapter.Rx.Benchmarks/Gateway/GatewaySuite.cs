using System.Globalization;
using System.Text.Json;
using WebsockexAdapter.Rx.Benchmarks.Loopback;
using WebsockexAdapter.Rx.Benchmarks.Reporting;
using WebsockexAdapter.Rx.Gateway;

namespace WebsockexAdapter.Rx.Benchmarks.Gateway;

/// <summary>
/// One gateway process between the loopback server and 1, 4, 16 consumer processes, beside a direct adapter process
/// on the same server in the same run. Paced: 1,000 book changes a second, each stamped by the server, timed at every
/// consumer's <c>OnNext</c>. Blast: as fast as the gateway takes them, to the consumers at once (the direct adapter
/// alone first, for scale). Each run has its own server, gateway and consumers; every process subscribes and holds the
/// snapshot before the server's <see cref="LoopbackServer.Go"/>, so process start-up is not measured.
/// </summary>
internal static class GatewaySuite
{
    public static async Task<GatewayReport> RunAsync(GatewaySettings settings, TextWriter progress, CancellationToken cancellationToken)
    {
        await using var nats = await LocalNatsServer.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var rows = new List<GatewayRow>();
        foreach (var consumers in settings.ConsumerCounts)
        {
            rows.Add(await RunOnceAsync(nats.Url, settings, "paced", consumers, withDirect: true, progress).ConfigureAwait(false));
        }

        rows.Add(await RunOnceAsync(nats.Url, settings, "blast", 0, withDirect: true, progress).ConfigureAwait(false));
        foreach (var consumers in settings.ConsumerCounts)
        {
            rows.Add(await RunOnceAsync(nats.Url, settings, "blast", consumers, withDirect: false, progress).ConfigureAwait(false));
        }

        return new GatewayReport(settings, rows);
    }

    private static async Task<GatewayRow> RunOnceAsync(string natsUrl, GatewaySettings settings, string load, int consumers, bool withDirect, TextWriter progress)
    {
        var loadBefore = Machine.LoadAverage();
        var paced = load == "paced";
        var messages = paced ? settings.PacedMessages : settings.BlastMessages;
        await using var server = LoopbackServer.Start();
        var exchange = server.StampedUri(messages, paced ? settings.Rate : 0).ToString();
        var timeout = ((int)settings.Timeout.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        var changes = (messages - 1).ToString(CultureInfo.InvariantCulture);
        await using var gateway = ChildProcess.Start(GatewayHostRole.Name, natsUrl, exchange);
        await gateway.ReadLineAsync(static line => line == "ready", settings.Timeout).ConfigureAwait(false);
        await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{load}, {consumers} consumers: gateway process {gateway.Id}")).ConfigureAwait(false);
        var children = new List<ChildProcess>();
        try
        {
            if (withDirect)
            {
                children.Add(ChildProcess.Start(ConsumerRole.Name, "direct", exchange, changes, timeout));
            }

            for (var i = 0; i < consumers; i++)
            {
                children.Add(ChildProcess.Start(ConsumerRole.Name, "gateway", natsUrl, changes, timeout));
            }

            foreach (var child in children)
            {
                await child.ReadLineAsync(static line => line == "ready", settings.Timeout).ConfigureAwait(false);
            }

            var before = LastStats(gateway);
            var cpuBefore = gateway.Cpu;
            server.Go();
            var results = new List<ConsumerResult>();
            foreach (var child in children)
            {
                var line = await child.ReadLineAsync(static line => line.StartsWith('{'), settings.Timeout + TimeSpan.FromSeconds(10)).ConfigureAwait(false);
                results.Add(JsonSerializer.Deserialize<ConsumerResult>(line) ?? throw new InvalidOperationException($"not a result: {line}"));
            }

            var cpu = gateway.Cpu - cpuBefore;
            var (published, dropped, maxHeap) = await StatsAsync(gateway, before, settings.Timeout).ConfigureAwait(false);
            var row = new GatewayRow(
                load,
                consumers,
                results.FirstOrDefault(r => r.Source == "direct"),
                [.. results.Where(r => r.Source == "gateway")],
                messages - 1,
                published,
                dropped,
                published > 0 ? cpu.TotalMicroseconds / published : 0,
                maxHeap,
                loadBefore,
                Machine.LoadAverage());
            await progress.WriteLineAsync(paced
                ? string.Create(CultureInfo.InvariantCulture, $"paced, {consumers} consumers: p50 {row.P50:0} µs (direct {row.Direct?.P50:0}), p99 {row.P99:0} µs (direct {row.Direct?.P99:0}), gateway {row.GatewayCpuMicrosecondsPerMessage:0.0} µs CPU/msg, load {row.LoadAverage}")
                : string.Create(CultureInfo.InvariantCulture, $"blast, {consumers} consumers: {row.MedianMessagesPerSecond:0} msg/s (direct {row.Direct?.MessagesPerSecond:0}), gateway {row.GatewayCpuMicrosecondsPerMessage:0.0} µs CPU/msg, {dropped} dropped, load {row.LoadAverage}")).ConfigureAwait(false);
            return row;
        }
        finally
        {
            foreach (var child in children)
            {
                await child.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static (long Published, long Dropped, long Heap) LastStats(ChildProcess gateway) =>
        gateway.DrainLines().Where(static l => l.StartsWith("stats ", StringComparison.Ordinal)).Select(Parse).LastOrDefault();

    /// <summary>Published and dropped since <paramref name="before"/>, and the largest heap seen, from a report made after every consumer finished.</summary>
    private static async Task<(long Published, long Dropped, long MaxHeap)> StatsAsync(ChildProcess gateway, (long Published, long Dropped, long Heap) before, TimeSpan timeout)
    {
        var seen = gateway.DrainLines().Where(static l => l.StartsWith("stats ", StringComparison.Ordinal)).Select(Parse).ToList();
        seen.Add(Parse(await gateway.ReadLineAsync(static l => l.StartsWith("stats ", StringComparison.Ordinal), timeout).ConfigureAwait(false)));
        var last = seen[^1];
        return (last.Published - before.Published, last.Dropped - before.Dropped, Math.Max(before.Heap, seen.Max(s => s.Heap)));
    }

    private static (long Published, long Dropped, long Heap) Parse(string line)
    {
        var parts = line.Split(' ');
        return (long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture), long.Parse(parts[3], CultureInfo.InvariantCulture));
    }
}
