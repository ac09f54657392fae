namespace WebsockexAdapter.Rx.Benchmarks.EndToEnd;

/// <summary>How much the e2e suite measures.</summary>
/// <param name="Messages">Messages per round, per contender.</param>
/// <param name="Rounds">Measured rounds; each runs every contender once, in a rotated order.</param>
/// <param name="WarmupRounds">Rounds run first and thrown away (JIT, tiering, pools, TCP buffers).</param>
/// <param name="RoundTimeout">How long one contender's round may take before the suite gives up.</param>
internal sealed record E2eSettings(int Messages, int Rounds, int WarmupRounds, TimeSpan RoundTimeout)
{
    public static E2eSettings Full { get; } = new(1_000_000, 9, 2, TimeSpan.FromMinutes(2));

    public static E2eSettings Quick { get; } = new(2_000, 2, 1, TimeSpan.FromSeconds(20));
}
