namespace WebsockexAdapter.Rx.Benchmarks.EndToEnd;

/// <summary>One contender's measured rounds, summarized.</summary>
internal sealed record ContenderResult(string Name, string Touches, IReadOnlyList<double> MessagesPerSecond, IReadOnlyList<double> BytesPerMessage, IReadOnlyList<double> CpuNanosecondsPerMessage)
{
    public double MedianMessagesPerSecond => Median(MessagesPerSecond);

    public double MedianBytesPerMessage => Median(BytesPerMessage);

    public double MedianCpuNanosecondsPerMessage => Median(CpuNanosecondsPerMessage);

    /// <summary>(max - min) / median of the rates: how noisy the rounds were.</summary>
    public double Spread => (MessagesPerSecond.Max() - MessagesPerSecond.Min()) / MedianMessagesPerSecond;

    /// <summary>
    /// The median over rounds of this contender's rate divided by <paramref name="other"/>'s in the same round. Rounds
    /// run every contender back to back, so a burst of load elsewhere falls on both sides of each ratio.
    /// </summary>
    public double RatioTo(ContenderResult other) =>
        Median(MessagesPerSecond.Zip(other.MessagesPerSecond, static (mine, theirs) => mine / theirs).ToArray());

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
