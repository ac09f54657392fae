using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Threading.RateLimiting;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// A token bucket as a <see cref="RateLimiter"/> whose clock is the adapter's scheduler. The framework's
/// <see cref="TokenBucketRateLimiter"/> measures elapsed time with its own stopwatch even when replenished by hand, so it
/// cannot run on virtual time; this one refills continuously from <see cref="IScheduler.Now"/> and wakes waiting
/// requests, oldest first, with a one-shot timer on the same scheduler. Waiters are completed inline by that timer.
/// </summary>
internal sealed class SchedulerTokenBucket : RateLimiter
{
    private readonly object _gate = new();
    private readonly IScheduler _scheduler;
    private readonly double _capacity;
    private readonly double _perSecond;
    private readonly int _queueLimit;
    private readonly LinkedList<Waiter> _queue = new();
    private readonly SerialDisposable _timer = new();
    private double _tokens;
    private int _queuedTokens;
    private DateTimeOffset _lastRefill;
    private long _granted;
    private long _refused;
    private bool _disposed;

    /// <summary>Creates a full bucket.</summary>
    /// <param name="capacity">The most tokens it holds (the burst).</param>
    /// <param name="perSecond">Tokens added per second.</param>
    /// <param name="queueLimit">How many tokens' worth of requests may wait; one more is refused at once.</param>
    /// <param name="scheduler">The clock.</param>
    public SchedulerTokenBucket(int capacity, int perSecond, int queueLimit, IScheduler scheduler)
    {
        _capacity = capacity;
        _perSecond = perSecond;
        _queueLimit = queueLimit;
        _scheduler = scheduler;
        _tokens = capacity;
        _lastRefill = scheduler.Now;
    }

    /// <inheritdoc />
    public override TimeSpan? IdleDuration => null;

    /// <summary>Empties the bucket: the exchange said too many requests, so everything waits for the refill.</summary>
    public void Drain()
    {
        lock (_gate)
        {
            Refill();
            _tokens = 0;
        }
    }

    /// <inheritdoc />
    public override RateLimiterStatistics GetStatistics()
    {
        lock (_gate)
        {
            Refill();
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = (long)_tokens,
                CurrentQueuedCount = _queuedTokens,
                TotalSuccessfulLeases = _granted,
                TotalFailedLeases = _refused,
            };
        }
    }

    /// <inheritdoc />
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_gate)
        {
            return TryTake(permitCount) ? Lease.Granted : Refuse();
        }
    }

    /// <inheritdoc />
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Waiter waiter;
        lock (_gate)
        {
            if (TryTake(permitCount))
            {
                return ValueTask.FromResult<RateLimitLease>(Lease.Granted);
            }

            if (_disposed || _queuedTokens + permitCount > _queueLimit)
            {
                return ValueTask.FromResult<RateLimitLease>(Refuse());
            }

            waiter = new Waiter(permitCount);
            waiter.Node = _queue.AddLast(waiter);
            _queuedTokens += permitCount;
            ScheduleWakeUp();
        }

        if (cancellationToken.CanBeCanceled)
        {
            waiter.Cancellation = cancellationToken.Register(static state =>
            {
                var (bucket, w, token) = ((SchedulerTokenBucket, Waiter, CancellationToken))state!;
                bucket.Cancel(w, token);
            }, (this, waiter, cancellationToken));
        }

        return new ValueTask<RateLimitLease>(waiter.Lease.Task);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        List<Waiter> waiting;
        lock (_gate)
        {
            _disposed = true;
            waiting = [.. _queue];
            _queue.Clear();
            _queuedTokens = 0;
        }

        _timer.Dispose();
        foreach (var waiter in waiting)
        {
            waiter.Complete(Lease.Refused);
        }

        base.Dispose(disposing);
    }

    private bool TryTake(int tokens)
    {
        Refill();
        if (_disposed || _queue.Count > 0 || _tokens < tokens)
        {
            return false;
        }

        _tokens -= tokens;
        _granted++;
        return true;
    }

    private Lease Refuse()
    {
        _refused++;
        return Lease.Refused;
    }

    private void Refill()
    {
        var now = _scheduler.Now;
        if (now > _lastRefill)
        {
            _tokens = Math.Min(_capacity, _tokens + ((now - _lastRefill).TotalSeconds * _perSecond));
            _lastRefill = now;
        }
    }

    /// <summary>Arms the timer for the moment the oldest waiter can be paid.</summary>
    private void ScheduleWakeUp()
    {
        if (_queue.First is not { } head)
        {
            _timer.Disposable = null;
            return;
        }

        var missing = Math.Max(0, head.Value.Tokens - _tokens);
        var due = TimeSpan.FromTicks((long)Math.Ceiling(missing / _perSecond * TimeSpan.TicksPerSecond));
        _timer.Disposable = _scheduler.Schedule(this, due, static (_, bucket) =>
        {
            bucket.WakeUp();
            return Disposable.Empty;
        });
    }

    private void WakeUp()
    {
        var ready = new List<Waiter>();
        lock (_gate)
        {
            Refill();
            while (_queue.First is { } head && _tokens >= head.Value.Tokens)
            {
                _tokens -= head.Value.Tokens;
                _queuedTokens -= head.Value.Tokens;
                _granted++;
                _queue.RemoveFirst();
                ready.Add(head.Value);
            }

            ScheduleWakeUp();
        }

        // Outside the lock: a waiter's continuation runs here, inline, and may acquire again.
        foreach (var waiter in ready)
        {
            waiter.Complete(Lease.Granted);
        }
    }

    private void Cancel(Waiter waiter, CancellationToken token)
    {
        lock (_gate)
        {
            if (waiter.Node?.List is null)
            {
                return;
            }

            _queue.Remove(waiter.Node);
            _queuedTokens -= waiter.Tokens;
            ScheduleWakeUp();
        }

        waiter.Lease.TrySetCanceled(token);
    }

    /// <summary>A request waiting for its tokens.</summary>
    private sealed class Waiter(int tokens)
    {
        public int Tokens { get; } = tokens;

        public TaskCompletionSource<RateLimitLease> Lease { get; } = new();

        public LinkedListNode<Waiter>? Node { get; set; }

        public CancellationTokenRegistration Cancellation { get; set; }

        public void Complete(RateLimitLease lease)
        {
            Cancellation.Dispose();
            Lease.TrySetResult(lease);
        }
    }

    /// <summary>The two outcomes; a token bucket's lease carries no metadata and releases nothing when disposed.</summary>
    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public static readonly Lease Granted = new(true);
        public static readonly Lease Refused = new(false);

        public override bool IsAcquired { get; } = acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
