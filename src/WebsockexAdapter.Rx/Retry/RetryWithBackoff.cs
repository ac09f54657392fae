using System.Reactive.Concurrency;
using System.Reactive.Disposables;

namespace WebsockexAdapter.Rx;

/// <summary>The work behind <see cref="RetryWithBackoffExtensions.RetryWithBackoff{T}(IObservable{T}, BackoffOptions, IScheduler, Func{Exception, bool}?, Action{RetryEvent}?)"/>.</summary>
internal sealed class RetryWithBackoff<T> : IObservable<T>
{
    private readonly IObservable<T> _source;
    private readonly BackoffOptions _backoff;
    private readonly IScheduler _scheduler;
    private readonly Func<Exception, bool> _shouldRetry;
    private readonly Action<RetryEvent>? _onRetry;
    private readonly Func<bool>? _wasHealthy;

    /// <param name="source">The sequence to retry.</param>
    /// <param name="backoff">The delays.</param>
    /// <param name="scheduler">Runs the delays.</param>
    /// <param name="shouldRetry">Whether an error is worth retrying.</param>
    /// <param name="onRetry">Told of each retry.</param>
    /// <param name="wasHealthy">
    /// Whether the attempt that just failed was healthy, for <see cref="BackoffOptions.FirstRetryAfterDrop"/>;
    /// <see langword="null"/> means "it delivered an element". <c>Supervise</c> asks whether the session came up.
    /// </param>
    public RetryWithBackoff(IObservable<T> source, BackoffOptions backoff, IScheduler scheduler, Func<Exception, bool> shouldRetry, Action<RetryEvent>? onRetry, Func<bool>? wasHealthy = null)
    {
        _wasHealthy = wasHealthy;
        _source = source;
        _backoff = backoff;
        _scheduler = scheduler;
        _shouldRetry = shouldRetry;
        _onRetry = onRetry;
    }

    public IDisposable Subscribe(IObserver<T> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var run = new Run(this, observer);
        run.SubscribeSource();
        return run;
    }

    /// <summary>The state of one subscription: which retry we are on, and whether the current attempt got through.</summary>
    private sealed class Run(RetryWithBackoff<T> parent, IObserver<T> downstream) : IObserver<T>, IDisposable
    {
        private readonly SerialDisposable _current = new();
        private BackoffSchedule _schedule = new(parent._backoff);
        private readonly CircuitBreakerGate? _breaker =
            parent._backoff.CircuitBreaker is { } breaker ? new CircuitBreakerGate(breaker, parent._scheduler) : null;

        private int _retries;
        private bool _droppedRetryUsed;
        private DateTimeOffset? _firstElementAt;
        private Exception? _lastError;
        private volatile bool _disposed;

        public void SubscribeSource()
        {
            if (_disposed)
            {
                return;
            }

            if (_breaker?.TryBegin() is { } openFor)
            {
                // The endpoint is presumed dead: wait out the break instead of hitting it, then probe once.
                Report(new RetryEvent(_retries, openFor, _lastError ?? new InvalidOperationException("circuit open"), CircuitOpen: true));
                ScheduleResubscription(openFor);
                return;
            }

            _firstElementAt = null;
            var subscription = new SingleAssignmentDisposable();
            _current.Disposable = subscription;
            subscription.Disposable = parent._source.Subscribe(this);
        }

        public void OnNext(T value)
        {
            if (_firstElementAt is null)
            {
                _firstElementAt = parent._scheduler.Now;
                _breaker?.Complete(connected: true);
            }

            downstream.OnNext(value);
        }

        public void OnError(Exception error)
        {
            if (_disposed)
            {
                return;
            }

            if (_firstElementAt is { } since && parent._scheduler.Now - since >= parent._backoff.ResetAfter)
            {
                // It was healthy long enough: this failure starts a fresh series of delays. The schedule starts over
                // too, since a jittered schedule is a sequence in which each delay grows from the one before.
                _retries = 0;
                _droppedRetryUsed = false;
                _schedule = new BackoffSchedule(parent._backoff);
            }

            if (_firstElementAt is null)
            {
                _breaker?.Complete(connected: false);
            }

            _lastError = error;
            if (!ShouldRetry(error) || _retries >= parent._backoff.MaxAttempts)
            {
                downstream.OnError(error);
                _current.Dispose();
                return;
            }

            var delay = NextDelay();
            _retries++;
            Report(new RetryEvent(_retries, delay, error, CircuitOpen: false));
            ScheduleResubscription(delay);
        }

        public void OnCompleted()
        {
            _breaker?.Complete(connected: _firstElementAt is not null);
            downstream.OnCompleted();
            _current.Dispose();
        }

        public void Dispose()
        {
            _disposed = true;
            _current.Dispose();
            _breaker?.Complete(connected: _firstElementAt is not null);
        }

        /// <summary>
        /// The first retry of a series after a healthy attempt waits <see cref="BackoffOptions.FirstRetryAfterDrop"/> and
        /// leaves the exponential schedule where it was, so the retry after it waits <see cref="BackoffOptions.InitialDelay"/>.
        /// </summary>
        private TimeSpan NextDelay()
        {
            if (_retries == 0 && WasHealthy())
            {
                _droppedRetryUsed = true;
                return parent._backoff.FirstRetryAfterDrop;
            }

            return _schedule.NextDelay(_droppedRetryUsed ? _retries - 1 : _retries);
        }

        private bool WasHealthy() => parent._wasHealthy is { } healthy ? healthy() : _firstElementAt is not null;

        private void ScheduleResubscription(TimeSpan delay)
        {
            // The holder goes in first: a scheduler may run the work before Schedule returns (a zero delay on the
            // thread pool, or the immediate scheduler), and the work's new subscription must not be replaced by the
            // handle Schedule returns afterwards.
            var timer = new SingleAssignmentDisposable();
            _current.Disposable = timer;
            timer.Disposable = parent._scheduler.Schedule(this, delay, static (_, run) =>
            {
                run.SubscribeSource();
                return Disposable.Empty;
            });
        }

        private bool ShouldRetry(Exception error)
        {
            try
            {
                return parent._shouldRetry(error);
            }
#pragma warning disable CA1031 // A throwing predicate must not take the pipeline down; treat it as "do not retry".
            catch (Exception)
#pragma warning restore CA1031
            {
                return false;
            }
        }

        private void Report(RetryEvent retry)
        {
            try
            {
                parent._onRetry?.Invoke(retry);
            }
#pragma warning disable CA1031 // User callbacks must not kill the retry loop.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }
}
