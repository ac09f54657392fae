using System.Reactive.Concurrency;

namespace WebsockexAdapter.Rx;

/// <summary>The <c>RetryWithBackoff</c> operator: resubscribe after an error, waiting longer each time.</summary>
public static class RetryWithBackoffExtensions
{
    /// <summary>
    /// Resubscribes to <paramref name="source"/> after each error, after a delay that grows exponentially (with
    /// optional jitter) up to a cap. Completion is passed on and not retried. Errors for which
    /// <paramref name="shouldRetry"/> says no, and the error after the last allowed attempt, are passed on.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="source">The sequence to retry, typically one connection's lifetime.</param>
    /// <param name="backoff">The delays, cap, attempt limit, health reset and circuit breaker.</param>
    /// <param name="scheduler">Runs every delay and is the circuit breaker's clock.</param>
    /// <param name="shouldRetry">Whether an error is worth retrying; <see langword="null"/> means <see cref="TransientErrors.IsTransient"/>.</param>
    /// <param name="onRetry">Called (outside any lock) each time a retry is scheduled; its exceptions are swallowed.</param>
    public static IObservable<T> RetryWithBackoff<T>(
        this IObservable<T> source,
        BackoffOptions backoff,
        IScheduler scheduler,
        Func<Exception, bool>? shouldRetry = null,
        Action<RetryEvent>? onRetry = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(backoff);
        ArgumentNullException.ThrowIfNull(scheduler);
        backoff.Validate();
        return new RetryWithBackoff<T>(source, backoff, scheduler, shouldRetry ?? TransientErrors.IsTransient, onRetry);
    }

    /// <summary>
    /// <see cref="RetryWithBackoff{T}(IObservable{T}, BackoffOptions, IScheduler, Func{Exception, bool}?, Action{RetryEvent}?)"/>
    /// on <see cref="DefaultScheduler.Instance"/>.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="source">The sequence to retry.</param>
    /// <param name="backoff">The delays, cap, attempt limit, health reset and circuit breaker.</param>
    public static IObservable<T> RetryWithBackoff<T>(this IObservable<T> source, BackoffOptions backoff) =>
        source.RetryWithBackoff(backoff, DefaultScheduler.Instance);
}
