namespace WebsockexAdapter.Rx.Tests.Retry;

public sealed class BackoffScheduleTest
{
    private static List<TimeSpan> Delays(BackoffOptions options, int count)
    {
        var schedule = new BackoffSchedule(options);
        return Enumerable.Range(0, count).Select(schedule.NextDelay).ToList();
    }

    [Fact]
    public void NextDelay_WithoutJitter_IsInitialTimesMultiplierToTheN()
    {
        var options = new BackoffOptions { InitialDelay = TimeSpan.FromSeconds(1), Multiplier = 2, MaxDelay = TimeSpan.FromSeconds(30), UseJitter = false };

        Assert.Equal([1, 2, 4, 8, 16, 30, 30], Delays(options, 7).Select(d => d.TotalSeconds));
    }

    [Fact]
    public void NextDelay_HonoursAMultiplierOtherThanTwo()
    {
        var options = new BackoffOptions { InitialDelay = TimeSpan.FromMilliseconds(100), Multiplier = 3, MaxDelay = TimeSpan.FromSeconds(10), UseJitter = false };

        Assert.Equal([100, 300, 900, 2700, 8100, 10_000], Delays(options, 6).Select(d => d.TotalMilliseconds));
    }

    [Fact]
    public void NextDelay_WithZeroInitialDelay_RetriesAtOnce()
    {
        var options = new BackoffOptions { InitialDelay = TimeSpan.Zero, UseJitter = true, JitterSeed = 1 };

        Assert.All(Delays(options, 5), d => Assert.Equal(TimeSpan.Zero, d));
    }

    [Fact]
    public void NextDelay_WithTheSameSeed_RepeatsTheSameJitteredDelays()
    {
        var options = new BackoffOptions { UseJitter = true, JitterSeed = 42 };

        Assert.Equal(Delays(options, 50), Delays(options, 50));
    }

    [Fact]
    public void NextDelay_WithDifferentSeeds_SpreadsClientsApart()
    {
        Assert.NotEqual(
            Delays(new BackoffOptions { JitterSeed = 1 }, 5),
            Delays(new BackoffOptions { JitterSeed = 2 }, 5));
    }

    [Fact]
    public void NextDelay_WithJitter_StaysWithinTheCapAndVaries()
    {
        var options = new BackoffOptions { InitialDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30), JitterSeed = 7 };
        var delays = Delays(options, 200);

        Assert.All(delays, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromSeconds(30)));
        Assert.Equal(5, delays.Take(5).Distinct().Count());

        // Once the curve has reached the cap, every delay is the cap (as in Polly).
        Assert.All(delays.Skip(5), d => Assert.Equal(TimeSpan.FromSeconds(30), d));
    }

    [Fact]
    public void NextDelay_WithJitter_GrowsByTheMultiplierOnAverage()
    {
        foreach (var multiplier in new[] { 2.0, 3.0 })
        {
            var means = Enumerable.Range(0, 6)
                .Select(n => Enumerable.Range(0, 2000)
                    .Select(seed => Delays(new BackoffOptions { Multiplier = multiplier, MaxDelay = TimeSpan.FromDays(1), JitterSeed = seed }, n + 1)[n].TotalSeconds)
                    .Average())
                .ToList();

            // Polly's first terms are smoothed; from the third on, each mean is about Multiplier times the one before.
            for (var n = 3; n < 6; n++)
            {
                Assert.InRange(means[n] / means[n - 1], 0.85 * multiplier, 1.15 * multiplier);
            }
        }
    }
}
