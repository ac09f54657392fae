namespace WebsockexAdapter.Rx.Simulator;

/// <summary>
/// Credit-based rate limiting as the exchange documents it: each request costs credits from a bucket that refills
/// continuously; a request the bucket cannot pay for answers 10028 <c>too_many_requests</c> and the session ends.
/// </summary>
public sealed record RateLimitOptions
{
    /// <summary>The default bucket size: 50,000 credits.</summary>
    public const int DefaultMaxCredits = 50_000;

    /// <summary>The default refill: 10,000 credits per second.</summary>
    public const int DefaultRefillPerSecond = 10_000;

    /// <summary>The default cost of one request: 500 credits.</summary>
    public const int DefaultCostPerRequest = 500;

    /// <summary>Whether requests are rate limited at all. The default value is true.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The bucket size, and what a new connection starts with. The default value is 50,000.</summary>
    public int MaxCredits { get; init; } = DefaultMaxCredits;

    /// <summary>Credits added back per second. The default value is 10,000.</summary>
    public int RefillPerSecond { get; init; } = DefaultRefillPerSecond;

    /// <summary>What one request costs. The default value is 500.</summary>
    public int CostPerRequest { get; init; } = DefaultCostPerRequest;

    internal IEnumerable<string> Problems()
    {
        if (MaxCredits <= 0)
        {
            yield return "RateLimit.MaxCredits must be positive.";
        }

        if (RefillPerSecond < 0 || CostPerRequest < 0)
        {
            yield return "RateLimit.RefillPerSecond and RateLimit.CostPerRequest must not be negative.";
        }
    }
}
