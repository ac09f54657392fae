namespace WebsockexAdapter.Rx.Benchmarks.EndToEnd;

/// <summary>One contender's measured rounds, summarized.</summary>
internal sealed record ContenderResult(string Name, string Touches, IReadOnlyList<double> MessagesPerSecond, IReadOnlyList<double> BytesPerMessage)
{
    public double MedianMessagesPerSecond => Median(MessagesPerSecond);

    public double MedianBytesPerMessage => Median(BytesPerMessage);

    /// <summary>(max - min) / median of the rates: how noisy the rounds were.</summary>
    public double Spread => (MessagesPerSecond.Max() - MessagesPerSecond.Min()) / MedianMessagesPerSecond;

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
