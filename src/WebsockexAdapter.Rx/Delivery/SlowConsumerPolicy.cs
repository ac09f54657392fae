namespace WebsockexAdapter.Rx;

/// <summary>How a subscription that falls behind its stream is treated: its queue, and when the lag is logged.</summary>
public sealed record SlowConsumerPolicy
{
    /// <summary>The default value of <see cref="Capacity"/> for a queue: 10,000 elements.</summary>
    public const int DefaultCapacity = 10_000;

    /// <summary>The default value of <see cref="WarnAfter"/>: 1 second.</summary>
    public static readonly TimeSpan DefaultWarnAfter = TimeSpan.FromSeconds(1);

    /// <summary>Only the newest element is kept for a busy subscriber (<see cref="SlowConsumerMode.Latest"/>).</summary>
    public static SlowConsumerPolicy Latest { get; } = new() { Mode = SlowConsumerMode.Latest, Capacity = 1 };

    /// <summary>What the policy does. The default value is <see cref="SlowConsumerMode.Queue"/>.</summary>
    public SlowConsumerMode Mode { get; init; } = SlowConsumerMode.Queue;

    /// <summary>For a queue, how many elements may wait; one more ends the subscription. The default value is 10,000.</summary>
    public int Capacity { get; init; } = DefaultCapacity;

    /// <summary>A subscriber handed an element that arrived this long ago is logged as slow (once, until it catches up). The default value is 1 second.</summary>
    public TimeSpan WarnAfter { get; init; } = DefaultWarnAfter;

    /// <summary>Every element in order, at most <paramref name="capacity"/> waiting (<see cref="SlowConsumerMode.Queue"/>).</summary>
    /// <param name="capacity">How many elements may wait.</param>
    public static SlowConsumerPolicy Queue(int capacity = DefaultCapacity) => new() { Mode = SlowConsumerMode.Queue, Capacity = capacity };

    /// <summary>The policy in words, for logs: <c>queue of 10000</c> or <c>latest value</c>.</summary>
    public override string ToString() => Mode == SlowConsumerMode.Latest ? "latest value" : $"queue of {Capacity}";

    /// <summary>Every rule the policy breaks, each as one line naming the property under <paramref name="prefix"/>; empty when valid.</summary>
    /// <param name="prefix">The policy's name in its options, e.g. <c>Delivery.Book</c>.</param>
    public IReadOnlyList<string> Problems(string prefix)
    {
        var errors = new List<string>();
        AddErrors(errors, prefix);
        return errors;
    }

    internal void AddErrors(List<string> errors, string prefix)
    {
        if (!Enum.IsDefined(Mode))
        {
            errors.Add($"{prefix}.{nameof(Mode)} is not a known mode ({Mode}).");
        }

        if (Capacity < 1)
        {
            errors.Add($"{prefix}.{nameof(Capacity)} must be at least 1 (was {Capacity}).");
        }

        OptionRules.Positive(errors, $"{prefix}.{nameof(WarnAfter)}", WarnAfter);
    }
}
