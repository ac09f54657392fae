namespace WebsockexAdapter.Rx.Reliability.Tests.Retry;

/// <summary>Delays at the cap and with no initial delay, with jitter on.</summary>
public sealed class BackoffScheduleEdgeTest
{
    [Fact]
    public void WithJitter_ADelayWhoseCurveReachesTheCapExactly_IsTheCap()
    {
        // 1 s, 2 s, 4 s: the third curve value is the cap itself.
        for (var seed = 0; seed < 20; seed++)
        {
            var schedule = new BackoffSchedule(new BackoffOptions
            {
                InitialDelay = TimeSpan.FromSeconds(1),
                Multiplier = 2,
                MaxDelay = TimeSpan.FromSeconds(4),
                UseJitter = true,
                JitterSeed = seed,
            });

            _ = schedule.NextDelay(0);
            _ = schedule.NextDelay(1);
            Assert.Equal(TimeSpan.FromSeconds(4), schedule.NextDelay(2));
        }
    }

    [Fact]
    public void WithJitterAndNoInitialDelay_EveryDelayIsZero()
    {
        var schedule = new BackoffSchedule(new BackoffOptions { InitialDelay = TimeSpan.Zero, UseJitter = true, JitterSeed = 1 });

        Assert.All(Enumerable.Range(0, 5), n => Assert.Equal(TimeSpan.Zero, schedule.NextDelay(n)));
    }
}
