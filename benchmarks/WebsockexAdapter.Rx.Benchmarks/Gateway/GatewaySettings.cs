namespace WebsockexAdapter.Rx.Benchmarks.Gateway;

/// <summary>How long and how hard the gateway suite runs.</summary>
internal sealed record GatewaySettings(IReadOnlyList<int> ConsumerCounts, int Rate, int PacedMessages, int BlastMessages, TimeSpan Timeout)
{
    /// <summary>1, 4 and 16 consumer processes; 15 s at 1,000 msg/s, then a blast of 400,000 (about 3-4 minutes in all).</summary>
    public static GatewaySettings Full { get; } = new([1, 4, 16], 1_000, 15_000, 400_000, TimeSpan.FromMinutes(3));

    /// <summary>Seconds: 1 and 2 consumers, a second at 1,000 msg/s and a blast of 20,000; no floors.</summary>
    public static GatewaySettings Quick { get; } = new([1, 2], 1_000, 1_000, 20_000, TimeSpan.FromSeconds(60));

    /// <summary>The consumer count whose figures the floors are about.</summary>
    public const int FloorConsumers = 4;
}
