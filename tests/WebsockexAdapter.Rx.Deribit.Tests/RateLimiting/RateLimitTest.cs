using WebsockexAdapter.Rx.Deribit.Tests.Support;

namespace WebsockexAdapter.Rx.Deribit.Tests.RateLimiting;

public sealed class RateLimitTest : AdapterTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public void Credits_EachRequestPaysTheExchangesCost_AndTheBucketRefillsOnTheScheduler()
    {
        using var limiter = new CreditLimiter(new DeribitRateLimitOptions { MaxCredits = 2000, CreditsPerSecond = 1000, CostPerRequest = 500 }, Scheduler);

        Assert.True(limiter.AcquireAsync("public/get_time", default).AsTask().IsCompletedSuccessfully);
        Assert.True(limiter.AcquireAsync("public/get_time", default).AsTask().IsCompletedSuccessfully);
        Assert.Equal(1000, limiter.AvailableCredits);

        Advance(TimeSpan.FromMilliseconds(500).Ticks);
        Assert.Equal(1500, limiter.AvailableCredits);

        Advance(TimeSpan.FromSeconds(10).Ticks);
        Assert.Equal(2000, limiter.AvailableCredits);
    }

    [Fact]
    public async Task Credits_ARequestTheBucketCannotPay_WaitsForTheRefill()
    {
        using var limiter = new CreditLimiter(new DeribitRateLimitOptions { MaxCredits = 500, CreditsPerSecond = 1000, CostPerRequest = 500 }, Scheduler);
        Assert.True(limiter.AcquireAsync("public/get_time", default).AsTask().IsCompletedSuccessfully);

        var waiting = limiter.AcquireAsync("public/get_time", default).AsTask();
        Advance(TimeSpan.FromMilliseconds(400).Ticks);
        Assert.False(waiting.IsCompleted);

        Advance(TimeSpan.FromMilliseconds(100).Ticks);
        await waiting.WaitAsync(Wait);
    }

    [Fact]
    public async Task Credits_WhenTooManyAreWaiting_TheNextFailsFastWithATypedError()
    {
        using var limiter = new CreditLimiter(new DeribitRateLimitOptions { MaxCredits = 500, CreditsPerSecond = 10, CostPerRequest = 500, MaxQueuedRequests = 1 }, Scheduler);
        await limiter.AcquireAsync("public/get_time", default);
        var queued = limiter.AcquireAsync("public/get_time", default).AsTask();

        var error = await Assert.ThrowsAsync<RateLimitExceededException>(() => limiter.AcquireAsync("public/test", default).AsTask());

        Assert.Equal("public/test", error.Method);
        Assert.False(queued.IsCompleted);
    }

    [Fact]
    public void MatchingEngine_OrdersDrawOnTheirOwnBudget()
    {
        using var limiter = new CreditLimiter(new DeribitRateLimitOptions { MaxCredits = 500, CostPerRequest = 500, MatchingEngineBurst = 2, MatchingEnginePerSecond = 1 }, Scheduler);
        Assert.True(limiter.AcquireAsync("public/get_time", default).AsTask().IsCompletedSuccessfully);

        Assert.True(limiter.AcquireAsync("private/buy", default).AsTask().IsCompletedSuccessfully);
        Assert.True(limiter.AcquireAsync("private/cancel", default).AsTask().IsCompletedSuccessfully);
        Assert.False(limiter.AcquireAsync("private/sell", default).AsTask().IsCompleted);
    }

    [Fact]
    public async Task TooManyRequests_BacksOffUntilTheBucketRefills_ThenRetriesOnce()
    {
        var adapter = Adapter(o => o.RateLimits = new DeribitRateLimitOptions { MaxCredits = 50_000, CreditsPerSecond = 10_000, CostPerRequest = 500 });
        var answers = 0;
        var retried = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        Exchange.Handlers["public/get_time"] = call =>
        {
            if (answers++ == 0)
            {
                return Answer.Error(10028, "too_many_requests");
            }

            retried.TrySetResult(call.At);
            return Answer.Result("1700000000000");
        };
        Keep(adapter.Connections.Subscribe(_ => { }));
        Advance(10);

        Task<System.Text.Json.JsonElement>? call = null;
        Now(() => call = adapter.CallAsync("public/get_time"));
        var limitedAt = Scheduler.Clock;
        Advance(10);
        Assert.Single(Exchange.CallsOf("public/get_time"));

        Advance(TimeSpan.FromMilliseconds(100).Ticks);
        var retriedAt = await retried.Task.WaitAsync(Wait);
        Assert.InRange(retriedAt - limitedAt, TimeSpan.FromMilliseconds(50).Ticks, TimeSpan.FromMilliseconds(120).Ticks);

        Advance(10);
        Assert.Equal(1700000000000, (await call!.WaitAsync(Wait)).GetInt64());
    }
}
