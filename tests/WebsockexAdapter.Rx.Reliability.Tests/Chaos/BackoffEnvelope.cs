using WebsockexAdapter.Rx.Deribit;

namespace WebsockexAdapter.Rx.Reliability.Tests.Chaos;

/// <summary>
/// The reconnect delays the configured backoff allows, computed here from the options (not by the library's schedule,
/// so a broken schedule cannot agree with itself): without jitter, retry <c>n</c> of a series waits
/// <c>InitialDelay × Multiplier^(n-1)</c>, capped at <c>MaxDelay</c>; a series that began with the drop of a connection
/// that was Live waits <c>FirstRetryAfterDrop</c> for its first retry and then follows that schedule one step late.
/// </summary>
internal sealed class BackoffEnvelope
{
    private readonly BackoffOptions _options;
    private long _checked;

    public BackoffEnvelope(BackoffOptions options)
    {
        if (options.UseJitter || options.CircuitBreaker is not null)
        {
            throw new ArgumentException("The envelope is exact only without jitter and without a circuit breaker.", nameof(options));
        }

        _options = options;
    }

    public long Checked => Interlocked.Read(ref _checked);

    /// <summary>
    /// Why <paramref name="state"/>'s delay is outside the envelope, or null when it is inside;
    /// <paramref name="seriesBeganWithADrop"/> says whether the connection before the series' first retry was Live.
    /// </summary>
    public string? Problem(AdapterState state, bool seriesBeganWithADrop)
    {
        Interlocked.Increment(ref _checked);
        var retry = state.Attempt - 1;
        var step = seriesBeganWithADrop ? retry - 1 : retry;
        var expected = seriesBeganWithADrop && retry == 1
            ? _options.FirstRetryAfterDrop
            : TimeSpan.FromTicks((long)Math.Min(_options.InitialDelay.Ticks * Math.Pow(_options.Multiplier, step - 1), _options.MaxDelay.Ticks));
        var delay = state.NextAttemptIn ?? TimeSpan.MinValue;
        return Math.Abs((delay - expected).TotalMilliseconds) <= 1
            ? null
            : $"reconnect delay {delay.TotalMilliseconds:0} ms for retry {retry} of the series; the backoff allows {expected.TotalMilliseconds:0} ms";
    }
}
