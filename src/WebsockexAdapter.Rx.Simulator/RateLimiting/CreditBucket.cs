namespace WebsockexAdapter.Rx.Simulator.RateLimiting;

/// <summary>One connection's credits: full at the start, refilled continuously from the clock.</summary>
internal sealed class CreditBucket(RateLimitOptions options, TimeProvider clock)
{
    private readonly object _gate = new();
    private double _credits = options.MaxCredits;
    private long _lastRefill = clock.GetTimestamp();

    /// <summary>Takes the cost of one request; false when the bucket cannot pay for it.</summary>
    public bool TryTake()
    {
        if (!options.Enabled)
        {
            return true;
        }

        lock (_gate)
        {
            var now = clock.GetTimestamp();
            var elapsed = clock.GetElapsedTime(_lastRefill, now);
            _lastRefill = now;
            _credits = Math.Min(options.MaxCredits, _credits + (elapsed.TotalSeconds * options.RefillPerSecond));
            if (_credits < options.CostPerRequest)
            {
                return false;
            }

            _credits -= options.CostPerRequest;
            return true;
        }
    }
}
