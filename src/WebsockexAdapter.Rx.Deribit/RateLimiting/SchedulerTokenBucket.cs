using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Threading.RateLimiting;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// A <see cref="TokenBucketRateLimiter"/> refilled on the adapter's scheduler instead of its own wall-clock timer:
/// each acquisition first adds the tokens the elapsed scheduler time has earned, and while a request waits, a one-shot
/// timer on the scheduler refills the bucket again. Tests on virtual time see exactly the exchange's arithmetic.
/// </summary>
internal sealed class SchedulerTokenBucket : IDisposable
{
    private readonly TokenBucketRateLimiter _bucket;
    private readonly IScheduler _scheduler;
    private readonly TimeSpan _period;
    private readonly int _maxPeriods;
    private readonly SerialDisposable _refill = new();
    private readonly object _gate = new();
    private DateTimeOffset _lastRefill;

    /// <summary>Creates a full bucket.</summary>
    /// <param name="capacity">The most tokens it holds.</param>
    /// <param name="perSecond">Tokens added per second.</param>
    /// <param name="queueLimit">How many tokens' worth of requests may wait.</param>
    /// <param name="scheduler">The clock.</param>
    public SchedulerTokenBucket(int capacity, int perSecond, int queueLimit, IScheduler scheduler)
    {
        // Whole tokens per period: tenths of a second for fast rates, one token at a time for slow ones.
        var (period, tokens) = perSecond >= 10
            ? (TimeSpan.FromMilliseconds(100), perSecond / 10)
            : (TimeSpan.FromSeconds(1.0 / perSecond), 1);
        _period = period;
        _maxPeriods = (capacity / tokens) + 1;
        _scheduler = scheduler;
        _lastRefill = scheduler.Now;
        _bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = capacity,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            AutoReplenishment = false,
            QueueLimit = queueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Tokens available now.</summary>
    public long Available
    {
        get
        {
            Refill();
            return _bucket.GetStatistics()?.CurrentAvailablePermits ?? 0;
        }
    }

    /// <summary>Takes <paramref name="tokens"/>, waiting (on the scheduler's time) when the bucket is short.</summary>
    /// <returns>False when the wait queue is full; nothing was taken.</returns>
    public async ValueTask<bool> AcquireAsync(int tokens, CancellationToken cancellationToken)
    {
        Refill();
        using (var now = _bucket.AttemptAcquire(tokens))
        {
            if (now.IsAcquired)
            {
                return true;
            }
        }

        var waiting = _bucket.AcquireAsync(tokens, cancellationToken);
        if (waiting.IsCompleted)
        {
            using var rejected = await waiting.ConfigureAwait(false);
            return rejected.IsAcquired;
        }

        ScheduleRefill();
        using var lease = await waiting.ConfigureAwait(false);
        return lease.IsAcquired;
    }

    /// <summary>Empties the bucket: the exchange said too many requests, so everything waits for the refill.</summary>
    public void Drain()
    {
        Refill();
        var available = _bucket.GetStatistics()?.CurrentAvailablePermits ?? 0;
        if (available > 0)
        {
            _bucket.AttemptAcquire((int)Math.Min(available, int.MaxValue)).Dispose();
        }
    }

    public void Dispose()
    {
        _refill.Dispose();
        _bucket.Dispose();
    }

    private void Refill()
    {
        lock (_gate)
        {
            var periods = (_scheduler.Now - _lastRefill).Ticks / _period.Ticks;
            if (periods <= 0)
            {
                return;
            }

            _lastRefill += TimeSpan.FromTicks(_period.Ticks * periods);
            for (var i = 0; i < Math.Min(periods, _maxPeriods); i++)
            {
                _bucket.TryReplenish();
            }
        }
    }

    private void ScheduleRefill() =>
        _refill.Disposable = _scheduler.Schedule(this, _period, static (_, bucket) =>
        {
            bucket.Refill();
            if (bucket._bucket.GetStatistics()?.CurrentQueuedCount > 0)
            {
                bucket.ScheduleRefill();
            }

            return Disposable.Empty;
        });
}
