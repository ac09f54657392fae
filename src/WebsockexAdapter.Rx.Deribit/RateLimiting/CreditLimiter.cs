using System.Reactive.Concurrency;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// Makes every request pay before it is sent, in the exchange's terms: a non-matching-engine request costs
/// <see cref="DeribitRateLimitOptions.CostPerRequest"/> credits; orders and cancels draw on the matching-engine budget.
/// </summary>
internal sealed class CreditLimiter : IDisposable
{
    private static readonly HashSet<string> MatchingEngineMethods = new(StringComparer.Ordinal)
    {
        "private/buy", "private/sell", "private/edit", "private/cancel", "private/cancel_all",
        "private/cancel_all_by_instrument", "private/cancel_all_by_currency", "private/cancel_by_label", "private/close_position",
    };

    private readonly DeribitRateLimitOptions _options;
    private readonly SchedulerTokenBucket? _credits;
    private readonly SchedulerTokenBucket? _matchingEngine;

    public CreditLimiter(DeribitRateLimitOptions options, IScheduler scheduler)
    {
        _options = options;
        if (options.Enabled)
        {
            _credits = new SchedulerTokenBucket(options.MaxCredits, options.CreditsPerSecond, SafeProduct(options.MaxQueuedRequests, options.CostPerRequest), scheduler);
            _matchingEngine = new SchedulerTokenBucket(options.MatchingEngineBurst, options.MatchingEnginePerSecond, options.MaxQueuedRequests, scheduler);
        }
    }

    /// <summary>Credits available now (for tests and dashboards); <see cref="long.MaxValue"/> when limiting is off.</summary>
    public long AvailableCredits => _credits?.GetStatistics().CurrentAvailablePermits ?? long.MaxValue;

    /// <summary>Waits until <paramref name="method"/> may be sent.</summary>
    /// <exception cref="RateLimitExceededException">Too many requests are waiting already.</exception>
    public async ValueTask AcquireAsync(string method, CancellationToken cancellationToken)
    {
        if (_credits is null || _matchingEngine is null)
        {
            return;
        }

        var (bucket, cost) = MatchingEngineMethods.Contains(method) ? (_matchingEngine, 1) : (_credits, _options.CostPerRequest);
        if (cost == 0)
        {
            return;
        }

        using var lease = await bucket.AcquireAsync(cost, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            throw new RateLimitExceededException(method, _options.MaxQueuedRequests);
        }
    }

    /// <summary>The exchange answered 10028: spend every credit, so what follows waits for the refill.</summary>
    public void BackOff()
    {
        _credits?.Drain();
        _matchingEngine?.Drain();
    }

    public void Dispose()
    {
        _credits?.Dispose();
        _matchingEngine?.Dispose();
    }

    private static int SafeProduct(int a, int b) => (int)Math.Min((long)a * b, int.MaxValue);
}
