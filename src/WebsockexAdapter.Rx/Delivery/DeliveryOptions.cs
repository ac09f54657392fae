using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WebsockexAdapter.Rx;

/// <summary>How <see cref="DeliveryExtensions.DeliverOn{T}"/> hands a stream to each of its subscribers.</summary>
public sealed record DeliveryOptions
{
    /// <summary>The stream's name in log lines and in the lag metric's <c>stream</c> tag, e.g. <c>book.BTC-PERPETUAL.100ms</c>.</summary>
    public required string Name { get; init; }

    /// <summary>What a subscriber that falls behind gets. The default value is a queue of 10,000.</summary>
    public SlowConsumerPolicy Policy { get; init; } = new();

    /// <summary>
    /// How long the source stays subscribed after a subscriber's observer threw or fell too far behind, so that a
    /// subscriber that subscribes again finds it still there (an exchange subscription, an open connection). The
    /// default value is zero: the source is released at once.
    /// </summary>
    public TimeSpan FailedSubscriberGrace { get; init; } = TimeSpan.Zero;

    /// <summary>Where a failing or slow subscriber is logged. The default value is <see cref="NullLogger.Instance"/>.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>The connection a log line is about, read only when one is written; <see langword="null"/> logs <c>-</c>.</summary>
    public Func<string>? ConnectionId { get; init; }

    internal void Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors.Add($"{nameof(Name)} must not be empty.");
        }

        OptionRules.NotNull(errors, nameof(Policy), Policy);
        Policy?.AddErrors(errors, nameof(Policy));
        if (FailedSubscriberGrace < TimeSpan.Zero)
        {
            errors.Add($"{nameof(FailedSubscriberGrace)} must not be negative (was {FailedSubscriberGrace}).");
        }

        OptionRules.NotNull(errors, nameof(Logger), Logger);
        InvalidOptionsException.ThrowIfAny(nameof(DeliveryOptions), [.. errors]);
    }
}
