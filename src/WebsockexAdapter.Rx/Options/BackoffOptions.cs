using System.Globalization;

namespace WebsockexAdapter.Rx;

/// <summary>How long to wait between connection attempts: exponential, capped, optionally jittered.</summary>
public sealed record BackoffOptions
{
    /// <summary>The default value of <see cref="InitialDelay"/>: 1 second.</summary>
    public static readonly TimeSpan DefaultInitialDelay = TimeSpan.FromSeconds(1);

    /// <summary>The default value of <see cref="FirstRetryAfterDrop"/>: zero, a dropped connection is retried at once.</summary>
    public static readonly TimeSpan DefaultFirstRetryAfterDrop = TimeSpan.Zero;

    /// <summary>The default value of <see cref="Multiplier"/>: 2.</summary>
    public const double DefaultMultiplier = 2.0;

    /// <summary>The default value of <see cref="MaxDelay"/>: 30 seconds.</summary>
    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromSeconds(30);

    /// <summary>The default value of <see cref="UseJitter"/>: <see langword="true"/>.</summary>
    public const bool DefaultUseJitter = true;

    /// <summary>The value of <see cref="MaxAttempts"/> meaning "retry forever", and its default.</summary>
    public const int Unlimited = int.MaxValue;

    /// <summary>The default value of <see cref="ResetAfter"/>: 30 seconds.</summary>
    public static readonly TimeSpan DefaultResetAfter = TimeSpan.FromSeconds(30);

    /// <summary>The delay before the first retry. Zero retries at once. The default value is 1 second.</summary>
    public TimeSpan InitialDelay { get; init; } = DefaultInitialDelay;

    /// <summary>
    /// The delay before the first retry after a source that was healthy fails: one that delivered its first element (a
    /// connection that opened; under <c>Supervise</c>, one whose session came up). A connection that was up is most
    /// likely back at once, so SignalR's default policy and nautilus reconnect without waiting; if that retry fails too,
    /// the exponential delays follow from <see cref="InitialDelay"/>. It applies once per series of failures (a new
    /// series starts after <see cref="ResetAfter"/>), so a server that accepts and drops at once is not hammered. A
    /// source that never got through (a refused handshake) waits <see cref="InitialDelay"/> as before. The default value
    /// is zero.
    /// </summary>
    public TimeSpan FirstRetryAfterDrop { get; init; } = DefaultFirstRetryAfterDrop;

    /// <summary>Each retry waits this many times longer than the one before (1 keeps the delay constant). The default value is 2.</summary>
    public double Multiplier { get; init; } = DefaultMultiplier;

    /// <summary>No delay is ever longer than this. The default value is 30 seconds.</summary>
    public TimeSpan MaxDelay { get; init; } = DefaultMaxDelay;

    /// <summary>
    /// Spread the delays with Polly's decorrelated jitter so that many clients dropped together do not retry together.
    /// The default value is <see langword="true"/>.
    /// </summary>
    public bool UseJitter { get; init; } = DefaultUseJitter;

    /// <summary>The seed of the jitter's random source; set it to make jittered delays repeatable in tests. The default value is <see langword="null"/> (a random seed).</summary>
    public int? JitterSeed { get; init; }

    /// <summary>How many retries follow a failure before the error is passed on. The default value is <see cref="Unlimited"/>.</summary>
    public int MaxAttempts { get; init; } = Unlimited;

    /// <summary>
    /// Once a source has delivered its first element and stayed up this long, its next failure counts as the first
    /// again (the delays start over). The default value is 30 seconds.
    /// </summary>
    public TimeSpan ResetAfter { get; init; } = DefaultResetAfter;

    /// <summary>
    /// Opens a circuit after persistent failure, so a dead endpoint is probed rather than hammered;
    /// <see langword="null"/> turns it off. The default value is a <see cref="CircuitBreakerOptions"/> with its defaults.
    /// </summary>
    public CircuitBreakerOptions? CircuitBreaker { get; init; } = new();

    /// <summary>Checks every rule and throws one <see cref="InvalidOptionsException"/> listing all that are broken.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        AddErrors(errors, nameof(BackoffOptions));
        InvalidOptionsException.ThrowIfAny(nameof(BackoffOptions), errors);
    }

    /// <summary>Every rule that is broken, one sentence each; empty when the options are valid.</summary>
    /// <param name="prefix">How the sentences name these options, e.g. <c>Backoff</c> for a property of that name.</param>
    public IReadOnlyList<string> Problems(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var errors = new List<string>();
        AddErrors(errors, prefix);
        return errors;
    }

    internal void AddErrors(List<string> errors, string prefix)
    {
        OptionRules.NotNegative(errors, $"{prefix}.{nameof(InitialDelay)}", InitialDelay);
        OptionRules.NotNegative(errors, $"{prefix}.{nameof(MaxDelay)}", MaxDelay);
        OptionRules.NotNegative(errors, $"{prefix}.{nameof(FirstRetryAfterDrop)}", FirstRetryAfterDrop);
        if (MaxDelay < FirstRetryAfterDrop)
        {
            errors.Add($"{prefix}.{nameof(MaxDelay)} ({MaxDelay}) must not be shorter than {nameof(FirstRetryAfterDrop)} ({FirstRetryAfterDrop}).");
        }

        if (MaxDelay < InitialDelay)
        {
            errors.Add($"{prefix}.{nameof(MaxDelay)} ({MaxDelay}) must not be shorter than {nameof(InitialDelay)} ({InitialDelay}).");
        }

        if (!(Multiplier >= 1.0 && Multiplier <= 100.0))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{prefix}.{nameof(Multiplier)} must be between 1 and 100 (was {Multiplier})."));
        }

        OptionRules.InRange(errors, $"{prefix}.{nameof(MaxAttempts)}", MaxAttempts, 0, int.MaxValue);
        OptionRules.Positive(errors, $"{prefix}.{nameof(ResetAfter)}", ResetAfter);
        CircuitBreaker?.AddErrors(errors, $"{prefix}.{nameof(CircuitBreaker)}");
    }
}
