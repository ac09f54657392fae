using Polly.Contrib.WaitAndRetry;

namespace WebsockexAdapter.Rx;

/// <summary>
/// The delay before each retry: <c>InitialDelay × Multiplier^n</c>, capped at <c>MaxDelay</c>, optionally multiplied by a
/// jitter factor. One instance per subscription, because the jitter is a sequence (each delay depends on the last).
/// </summary>
internal sealed class BackoffSchedule
{
    private readonly BackoffOptions _options;
    private readonly JitterFactors? _jitter;

    public BackoffSchedule(BackoffOptions options)
    {
        _options = options;
        _jitter = options.UseJitter ? new JitterFactors(options.JitterSeed) : null;
    }

    /// <summary>The delay before retry number <paramref name="retryIndex"/> (0 for the first retry).</summary>
    public TimeSpan NextDelay(int retryIndex)
    {
        double maxTicks = _options.MaxDelay.Ticks;
        double ticks = Math.Min(maxTicks, _options.InitialDelay.Ticks * Math.Pow(_options.Multiplier, retryIndex));
        if (_jitter is not null)
        {
            ticks = Math.Min(maxTicks, ticks * _jitter.Next());
        }

        return TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>
    /// Polly's decorrelated-jitter (V2) sequence, divided by its own mean (<c>2^t</c>), gives factors around 1 that keep
    /// Polly's smooth, decorrelated spread while our own exponential curve (with any multiplier) sets the scale.
    /// </summary>
    private sealed class JitterFactors(int? seed)
    {
        // Polly's formula works in whole ticks; a large unit keeps precision, and 32 terms keep 2^t × unit inside a long.
        private const double Unit = 1e9;
        private const int TermsPerRound = 32;

        private IEnumerator<TimeSpan>? _terms;
        private int _term;
        private int _round;

        public double Next()
        {
            if (_terms is null || _term == TermsPerRound)
            {
                _terms?.Dispose();
                int? roundSeed = seed is null ? null : unchecked(seed.Value + _round);
                _terms = Backoff.DecorrelatedJitterBackoffV2(TimeSpan.FromTicks((long)Unit), TermsPerRound, roundSeed).GetEnumerator();
                _term = 0;
                _round++;
            }

            _terms.MoveNext();
            double factor = _terms.Current.Ticks / (Unit * Math.Pow(2, _term));
            _term++;
            return factor;
        }
    }
}
