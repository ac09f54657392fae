using System.Net.WebSockets;
using WebsockexAdapter.Rx.Simulator.Tests.Support;

namespace WebsockexAdapter.Rx.Simulator.Tests.RateLimiting;

public sealed class RateLimitTests
{
    [Fact]
    public async Task OutOfCredits_Answers10028_AndEndsTheSession()
    {
        var limits = new RateLimitOptions { MaxCredits = 1_500, CostPerRequest = 500, RefillPerSecond = 0 };
        await using var sim = await DeribitSimulator.StartAsync(new SimulatorOptions { RateLimit = limits });
        await using var client = await TestClient.ConnectAsync(sim);

        for (var i = 0; i < 3; i++)
        {
            await client.ResultAsync("public/test");
        }

        var error = await client.ErrorAsync("public/test");
        var (end, _) = await client.WaitForEndAsync();

        Assert.Equal(10028, error.Code());
        Assert.Equal("too_many_requests", error.Str("message"));
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, end.CloseStatus);
        Assert.Equal("too_many_requests", (await sim.WaitForConnectionClosedAsync(0)).CloseReason);
    }

    [Fact]
    public async Task Credits_RefillOverTime()
    {
        var clock = new SteppedClock();
        var limits = new RateLimitOptions { MaxCredits = 1_000, CostPerRequest = 500, RefillPerSecond = 500 };
        await using var sim = await DeribitSimulator.StartAsync(new SimulatorOptions { RateLimit = limits, TimeProvider = clock });
        await using var client = await TestClient.ConnectAsync(sim);
        await client.ResultAsync("public/test");
        await client.ResultAsync("public/test");
        var credits = sim.Connection(0)!.Credits;

        // A refused take costs nothing, and the clock stands still: the bucket is empty before the refill.
        Assert.False(credits.TryTake());
        clock.Advance(TimeSpan.FromSeconds(2));
        await client.ResultAsync("public/test");
        await client.ResultAsync("public/test");

        // Two seconds refilled 1,000 credits, two requests' worth and no more.
        Assert.False(credits.TryTake());
    }

    [Fact]
    public async Task Disabled_NeverLimits()
    {
        var limits = new RateLimitOptions { Enabled = false, MaxCredits = 1, CostPerRequest = 500, RefillPerSecond = 0 };
        await using var sim = await DeribitSimulator.StartAsync(new SimulatorOptions { RateLimit = limits });
        await using var client = await TestClient.ConnectAsync(sim);

        for (var i = 0; i < 5; i++)
        {
            await client.ResultAsync("public/test");
        }
    }

    [Fact]
    public async Task ForceRateLimit_NextRequestAnswers10028_AndTheSessionEnds()
    {
        await using var sim = await DeribitSimulator.StartAsync();
        await using var client = await TestClient.ConnectAsync(sim);
        await client.ResultAsync("public/test");

        sim.ForceRateLimit();
        var error = await client.ErrorAsync("public/get_time");
        var (end, _) = await client.WaitForEndAsync();

        Assert.Equal(10028, error.Code());
        Assert.True(end.IsCloseFrame);
    }
}
