namespace WebsockexAdapter.Rx;

/// <summary>
/// When connection attempts keep failing, stop trying for <see cref="BreakDuration"/>, then let one attempt through
/// (half-open) to probe the endpoint. Built on Polly's circuit breaker, running on the retry's scheduler.
/// </summary>
public sealed record CircuitBreakerOptions
{
    /// <summary>The default value of <see cref="FailureThreshold"/>: 10 failed attempts.</summary>
    public const int DefaultFailureThreshold = 10;

    /// <summary>The default value of <see cref="BreakDuration"/>: 60 seconds.</summary>
    public static readonly TimeSpan DefaultBreakDuration = TimeSpan.FromSeconds(60);

    /// <summary>The default value of <see cref="SamplingDuration"/>: 10 minutes.</summary>
    public static readonly TimeSpan DefaultSamplingDuration = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The circuit opens after this many attempts in a row, within <see cref="SamplingDuration"/>, failed to connect.
    /// The default value is 10.
    /// </summary>
    public int FailureThreshold { get; init; } = DefaultFailureThreshold;

    /// <summary>How long the circuit stays open before one probe is allowed. The default value is 60 seconds.</summary>
    public TimeSpan BreakDuration { get; init; } = DefaultBreakDuration;

    /// <summary>The window over which failures are counted. The default value is 10 minutes.</summary>
    public TimeSpan SamplingDuration { get; init; } = DefaultSamplingDuration;

    internal void AddErrors(List<string> errors, string prefix)
    {
        // Polly's own limits: at least 2 calls of throughput, and half a second for both durations.
        OptionRules.InRange(errors, $"{prefix}.{nameof(FailureThreshold)}", FailureThreshold, 2, int.MaxValue);
        if (BreakDuration < TimeSpan.FromMilliseconds(500) || BreakDuration > TimeSpan.FromDays(1))
        {
            errors.Add($"{prefix}.{nameof(BreakDuration)} must be between 0.5 s and 1 day (was {BreakDuration}).");
        }

        if (SamplingDuration < TimeSpan.FromMilliseconds(500) || SamplingDuration > TimeSpan.FromDays(1))
        {
            errors.Add($"{prefix}.{nameof(SamplingDuration)} must be between 0.5 s and 1 day (was {SamplingDuration}).");
        }
    }
}
