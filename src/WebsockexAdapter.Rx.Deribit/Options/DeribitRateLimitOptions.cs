namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// Client-side rate limiting in the exchange's own currency, credits: every request pays before it is sent, so the
/// exchange's 10028 <c>too_many_requests</c> (which may end the session) is the exception, not the rule.
/// Matching-engine requests (orders and cancels) draw on a second, per-second budget.
/// </summary>
public sealed class DeribitRateLimitOptions
{
    /// <summary>The default value of <see cref="MaxCredits"/>: 50,000, as the exchange documents.</summary>
    public const int DefaultMaxCredits = 50_000;

    /// <summary>The default value of <see cref="CreditsPerSecond"/>: 10,000, as the exchange documents.</summary>
    public const int DefaultCreditsPerSecond = 10_000;

    /// <summary>The default value of <see cref="CostPerRequest"/>: 500 credits, as the exchange documents.</summary>
    public const int DefaultCostPerRequest = 500;

    /// <summary>The default value of <see cref="MatchingEngineBurst"/>: 20 requests.</summary>
    public const int DefaultMatchingEngineBurst = 20;

    /// <summary>The default value of <see cref="MatchingEnginePerSecond"/>: 5 requests, the exchange's lowest tier.</summary>
    public const int DefaultMatchingEnginePerSecond = 5;

    /// <summary>The default value of <see cref="MaxQueuedRequests"/>: 100.</summary>
    public const int DefaultMaxQueuedRequests = 100;

    /// <summary>Whether requests are limited at all. The default value is <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The most credits that can be saved up (the burst). The default value is 50,000.</summary>
    public int MaxCredits { get; set; } = DefaultMaxCredits;

    /// <summary>Credits refilled per second. The default value is 10,000.</summary>
    public int CreditsPerSecond { get; set; } = DefaultCreditsPerSecond;

    /// <summary>What one non-matching-engine request costs. The default value is 500.</summary>
    public int CostPerRequest { get; set; } = DefaultCostPerRequest;

    /// <summary>The most matching-engine requests that can go out at once. The default value is 20.</summary>
    public int MatchingEngineBurst { get; set; } = DefaultMatchingEngineBurst;

    /// <summary>Matching-engine requests refilled per second. The default value is 5.</summary>
    public int MatchingEnginePerSecond { get; set; } = DefaultMatchingEnginePerSecond;

    /// <summary>
    /// How many requests may wait for credits; one more fails at once with <see cref="RateLimitExceededException"/>
    /// rather than queueing without bound. The default value is 100.
    /// </summary>
    public int MaxQueuedRequests { get; set; } = DefaultMaxQueuedRequests;

    internal object MemberwiseCloneInternal() => MemberwiseClone();

    internal void AddErrors(List<string> errors, string prefix)
    {
        OptionRules.InRange(errors, $"{prefix}.{nameof(MaxCredits)}", MaxCredits, 1, int.MaxValue);
        OptionRules.InRange(errors, $"{prefix}.{nameof(CreditsPerSecond)}", CreditsPerSecond, 1, int.MaxValue);
        OptionRules.InRange(errors, $"{prefix}.{nameof(CostPerRequest)}", CostPerRequest, 0, MaxCredits);
        OptionRules.InRange(errors, $"{prefix}.{nameof(MatchingEngineBurst)}", MatchingEngineBurst, 1, int.MaxValue);
        OptionRules.InRange(errors, $"{prefix}.{nameof(MatchingEnginePerSecond)}", MatchingEnginePerSecond, 1, int.MaxValue);
        OptionRules.InRange(errors, $"{prefix}.{nameof(MaxQueuedRequests)}", MaxQueuedRequests, 0, int.MaxValue);
    }
}
