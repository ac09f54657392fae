using System.Text;
using WebsockexAdapter.Rx.Benchmarks.EndToEnd;
using WebsockexAdapter.Rx.Benchmarks.Reporting;

namespace WebsockexAdapter.Rx.Benchmarks.Gateway;

/// <summary>What one gateway run measured, as the tables of benchmarks/README.md.</summary>
internal sealed record GatewayReport(GatewaySettings Settings, IReadOnlyList<GatewayRow> Rows)
{
    public IEnumerable<GatewayRow> Paced => Rows.Where(static r => r.Load == "paced");

    public IEnumerable<GatewayRow> Blast => Rows.Where(static r => r.Load == "blast");

    /// <summary>The issue's floors, on the rows with <see cref="GatewaySettings.FloorConsumers"/> consumers (none in a quick run).</summary>
    public IReadOnlyList<Floor> Floors =>
    [
        .. Paced.Where(static r => r.Consumers == GatewaySettings.FloorConsumers).SelectMany(static r => new[]
        {
            new Floor("paced, 4 consumers: added latency p50, µs", r.AddedP50, 250, AtLeast: false),
            new Floor("paced, 4 consumers: added latency p99, µs", r.AddedP99, 2_000, AtLeast: false),
        }),
        .. Blast.Where(static r => r.Consumers == GatewaySettings.FloorConsumers).Select(static r =>
            new Floor("blast, 4 consumers: slowest consumer, msg/s", r.MinMessagesPerSecond, 100_000, AtLeast: true)),
    ];

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"Paced: {Settings.Rate:N0} book changes a second for {Settings.PacedMessages / Settings.Rate} s, each stamped by the server; latency from the stamp to the consumer's OnNext. p50 is the median over the gateway consumers, p99 the worst consumer's; \"added\" subtracts the direct adapter's figure from the same run."));
        text.AppendLine();
        text.Append(MarkdownTable.Render(
            ["consumers", "direct p50", "direct p99", "gateway p50", "gateway p99", "added p50", "added p99", "msg/s per consumer", "resets", "gateway CPU/msg", "consumer CPU/msg (direct)", "gateway heap max", "load avg"],
            Paced.Select(static r => (IReadOnlyList<string>)
            [
                Invariant($"{r.Consumers}"),
                Micros(r.Direct?.P50 ?? 0),
                Micros(r.Direct?.P99 ?? 0),
                Micros(r.P50),
                Micros(r.P99),
                Micros(r.AddedP50),
                Micros(r.AddedP99),
                Invariant($"{r.MedianMessagesPerSecond:N0}"),
                Invariant($"{r.Resets}"),
                Micros(r.GatewayCpuMicrosecondsPerMessage, "0.0"),
                Micros(r.ConsumerCpu, "0.0") + " (" + Micros(r.Direct?.CpuMicrosecondsPerChange ?? 0, "0.0") + ")",
                Mib(r.GatewayMaxHeapBytes),
                r.LoadAverage,
            ])));
        text.AppendLine();
        text.AppendLine(Invariant($"Blast: {Settings.BlastMessages - 1:N0} book changes as fast as the gateway's socket takes them; every gateway consumer at once. The first row is the direct adapter alone, for scale."));
        text.AppendLine();
        text.Append(MarkdownTable.Render(
            ["consumers", "msg/s per consumer (median)", "slowest consumer", "changes received (fewest)", "resets", "published", "dropped at gateway", "gateway CPU/msg", "consumer CPU/msg", "gateway heap max", "load avg"],
            Blast.Select(static r => (IReadOnlyList<string>)
            [
                r.Consumers == 0 ? "direct adapter" : Invariant($"{r.Consumers}"),
                Invariant($"{(r.Consumers == 0 ? r.Direct?.MessagesPerSecond ?? 0 : r.MedianMessagesPerSecond):N0}"),
                r.Consumers == 0 ? "-" : Invariant($"{r.MinMessagesPerSecond:N0}"),
                Invariant($"{(r.Consumers == 0 ? r.Direct?.Changes ?? 0 : r.MinChanges):N0} of {r.Sent:N0}"),
                Invariant($"{r.Resets}"),
                r.Consumers == 0 ? "-" : Invariant($"{r.Published:N0}"),
                r.Consumers == 0 ? "-" : Invariant($"{r.Dropped:N0}"),
                r.Consumers == 0 ? "-" : Micros(r.GatewayCpuMicrosecondsPerMessage, "0.0"),
                Micros(r.Consumers == 0 ? r.Direct?.CpuMicrosecondsPerChange ?? 0 : r.ConsumerCpu, "0.0"),
                r.Consumers == 0 ? "-" : Mib(r.GatewayMaxHeapBytes),
                r.LoadAverage,
            ])));
        if (Floors.Count > 0)
        {
            text.AppendLine();
            text.Append(MarkdownTable.Render(
                ["floor", "measured", "required", "met"],
                Floors.Select(f => (IReadOnlyList<string>)[f.What, Invariant($"{f.Measured:N0}"), Invariant($"{(f.AtLeast ? ">=" : "<")} {f.Required:N0}"), Verdict(f)])));
        }

        foreach (var line in FloorContext())
        {
            text.AppendLine();
            text.AppendLine(line);
        }

        return text.ToString();
    }

    /// <summary>
    /// Yes or NO; but an added p99 is only judged when the direct adapter's own p99 in the same run was under the
    /// bound: above it, the difference of two tails measures the machine's other load, and can even come out negative.
    /// </summary>
    private string Verdict(Floor floor)
    {
        var directP99 = Paced.FirstOrDefault(static r => r.Consumers == GatewaySettings.FloorConsumers)?.Direct?.P99 ?? 0;
        return floor.What.Contains("p99", StringComparison.Ordinal) && directP99 >= floor.Required
            ? Invariant($"no verdict: the direct adapter's own p99 was {directP99:N0} µs")
            : floor.Met ? "yes" : "NO";
    }

    /// <summary>Beside the floors: what else the issue asks for at the floors' consumer count, with the load each was measured at.</summary>
    private IEnumerable<string> FloorContext()
    {
        foreach (var r in Paced.Where(static r => r.Consumers == GatewaySettings.FloorConsumers))
        {
            yield return Invariant($"Paced, {r.Consumers} consumers: direct adapter p50 {r.Direct?.P50 ?? 0:N0} µs / p99 {r.Direct?.P99 ?? 0:N0} µs, through the gateway p50 {r.P50:N0} µs / p99 {r.P99:N0} µs; gateway CPU {r.GatewayCpuMicrosecondsPerMessage:0.0} µs per message; load average {r.LoadAverage}.");
        }

        foreach (var r in Blast.Where(static r => r.Consumers == GatewaySettings.FloorConsumers))
        {
            var direct = Blast.FirstOrDefault(static d => d.Consumers == 0)?.Direct?.MessagesPerSecond ?? 0;
            yield return Invariant($"Blast, {r.Consumers} consumers: {r.MedianMessagesPerSecond:N0} msg/s per consumer (median; slowest {r.MinMessagesPerSecond:N0}; the direct adapter alone {direct:N0}), {r.Dropped:N0} dropped at the gateway, {r.Resets} resets; gateway CPU {r.GatewayCpuMicrosecondsPerMessage:0.0} µs per message, consumer CPU {r.ConsumerCpu:0.0} µs per change; gateway heap max {Mib(r.GatewayMaxHeapBytes)}; load average {r.LoadAverage}.");
        }
    }

    private static string Micros(double value, string format = "0") => Machine.Format(value, format) + " µs";

    private static string Mib(long bytes) => Machine.Format(bytes / 1048576.0, "0.0") + " MiB";

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
