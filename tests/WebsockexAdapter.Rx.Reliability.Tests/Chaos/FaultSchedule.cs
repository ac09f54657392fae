namespace WebsockexAdapter.Rx.Reliability.Tests.Chaos;

/// <summary>A seeded, repeatable sequence of faults: the same seed gives the same faults with the same parameters.</summary>
internal sealed class FaultSchedule(int seed)
{
    private static readonly ChaosFault[] All = Enum.GetValues<ChaosFault>();

    private readonly Random _random = new(seed);

    public int Seed => seed;

    public ChaosFault Next() => All[_random.Next(All.Length)];

    /// <summary>A parameter for the fault just drawn, uniform in [min, max).</summary>
    public int Between(int min, int max) => _random.Next(min, max);

    /// <summary>How long a refusal window lasts.</summary>
    public TimeSpan RefusalWindow() => TimeSpan.FromMilliseconds(Between(200, 1500));

    /// <summary>How long each reply is held.</summary>
    public TimeSpan ReplyDelay() => TimeSpan.FromMilliseconds(Between(50, 800));
}
