namespace WebsockexAdapter.Rx.Benchmarks.Gateway;

/// <summary>
/// One run of the gateway suite: the direct adapter (if it ran) and every gateway consumer, with what the gateway
/// process cost: CPU per message it published, messages it dropped, its largest managed heap.
/// </summary>
internal sealed record GatewayRow(
    string Load,
    int Consumers,
    ConsumerResult? Direct,
    IReadOnlyList<ConsumerResult> Gateway,
    long Sent,
    long Published,
    long Dropped,
    double GatewayCpuMicrosecondsPerMessage,
    long GatewayMaxHeapBytes,
    string LoadBefore,
    string LoadAfter)
{
    /// <summary>The 1-minute load average when the row started and when it ended, e.g. <c>0.42 → 1.90</c>.</summary>
    public string LoadAverage => $"{LoadBefore} → {LoadAfter}";

    /// <summary>The median over the gateway consumers of their p50 latency, µs.</summary>
    public double P50 => Median(Gateway.Select(c => c.P50));

    /// <summary>The worst gateway consumer's p99 latency, µs.</summary>
    public double P99 => Gateway.Count == 0 ? 0 : Gateway.Max(c => c.P99);

    /// <summary>The gateway's p50 minus the direct adapter's, µs.</summary>
    public double AddedP50 => P50 - (Direct?.P50 ?? 0);

    /// <summary>The worst gateway p99 minus the direct adapter's, µs.</summary>
    public double AddedP99 => P99 - (Direct?.P99 ?? 0);

    /// <summary>The slowest gateway consumer's rate.</summary>
    public double MinMessagesPerSecond => Gateway.Count == 0 ? 0 : Gateway.Min(c => c.MessagesPerSecond);

    public double MedianMessagesPerSecond => Median(Gateway.Select(c => c.MessagesPerSecond));

    /// <summary>Changes each gateway consumer got, at least, of those the server sent.</summary>
    public long MinChanges => Gateway.Count == 0 ? 0 : Gateway.Min(c => c.Changes);

    public long Resets => Gateway.Sum(c => c.Resets);

    /// <summary>The median over the gateway consumers of their process CPU per change, µs.</summary>
    public double ConsumerCpu => Median(Gateway.Select(c => c.CpuMicrosecondsPerChange));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[(sorted.Length - 1) / 2];
    }
}
