using Polly.Contrib.WaitAndRetry;

namespace WebsockexAdapter.Rx;

/// <summary>
/// The delay before each retry. Without jitter: <c>InitialDelay × Multiplier^n</c>, capped at <c>MaxDelay</c>. With
/// jitter: Polly's decorrelated-jitter (V2) sequence scaled by <c>InitialDelay</c>, a base-2 curve, times
/// <c>(Multiplier / 2)^n</c> for other multipliers, capped the same way; once the curve reaches the cap every delay is
/// the cap, as in Polly. One instance per subscription, because the jitter is a sequence (each delay depends on the last).
/// </summary>
internal sealed class BackoffSchedule
{
    private readonly BackoffOptions _options;
    private readonly IEnumerator<TimeSpan>? _jitter;

    public BackoffSchedule(BackoffOptions options)
    {
        _options = options;
        if (options.UseJitter && options.InitialDelay > TimeSpan.Zero)
        {
            _jitter = Backoff.DecorrelatedJitterBackoffV2(options.InitialDelay, int.MaxValue, options.JitterSeed).GetEnumerator();
        }
    }

    /// <summary>The delay before retry number <paramref name="retryIndex"/> (0 for the first retry); call it in order.</summary>
    public TimeSpan NextDelay(int retryIndex)
    {
        double maxTicks = _options.MaxDelay.Ticks;
        double curve = _options.InitialDelay.Ticks * Math.Pow(_options.Multiplier, retryIndex);
        if (curve >= maxTicks)
        {
            // Past the cap Polly's terms would only grow (and eventually overflow); the cap is the answer.
            return _options.MaxDelay;
        }

        if (_jitter is null || !_jitter.MoveNext())
        {
            return TimeSpan.FromTicks((long)curve);
        }

        double jittered = _jitter.Current.Ticks * Math.Pow(_options.Multiplier / 2, retryIndex);
        return TimeSpan.FromTicks((long)Math.Clamp(jittered, 0, maxTicks));
    }
}
