namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// How each of the adapter's streams reaches its subscribers. Every subscriber has its own queue, drained on the
/// adapter's scheduler, so the receive loop (heartbeats, replies, the restore) never waits for a strategy, and a slow
/// strategy delays only itself. The policy says what a subscriber that falls behind gets.
/// </summary>
public sealed record DeribitDeliveryOptions
{
    /// <summary>The default value of <see cref="FailedSubscriberGrace"/>: 30 seconds.</summary>
    public static readonly TimeSpan DefaultFailedSubscriberGrace = TimeSpan.FromSeconds(30);

    /// <summary>Tickers: only the latest is worth having. The default value is <see cref="SlowConsumerPolicy.Latest"/>.</summary>
    public SlowConsumerPolicy Ticker { get; init; } = SlowConsumerPolicy.Latest;

    /// <summary>
    /// Book updates: a queue, never conflated (a skipped change would corrupt the book), so a full queue ends that
    /// subscriber with <see cref="SlowConsumerException"/>. The default value is a queue of 10,000.
    /// </summary>
    public SlowConsumerPolicy Book { get; init; } = SlowConsumerPolicy.Queue();

    /// <summary>
    /// The shared order book's views and top of book (<see cref="DeribitAdapter.SubscribeOrderBook"/>,
    /// <see cref="DeribitAdapter.SubscribeTopOfBook"/>): each element is a whole, consistent copy, so a subscriber that
    /// falls behind needs only the newest. The default value is <see cref="SlowConsumerPolicy.Latest"/>.
    /// </summary>
    public SlowConsumerPolicy OrderBook { get; init; } = SlowConsumerPolicy.Latest;

    /// <summary>Trades: every one, in order. The default value is a queue of 10,000.</summary>
    public SlowConsumerPolicy Trades { get; init; } = SlowConsumerPolicy.Queue();

    /// <summary>The account's order updates: every one, in order. The default value is a queue of 10,000.</summary>
    public SlowConsumerPolicy Orders { get; init; } = SlowConsumerPolicy.Queue();

    /// <summary>Raw channels (<see cref="DeribitAdapter.Subscribe(string)"/>). The default value is a queue of 10,000.</summary>
    public SlowConsumerPolicy Channels { get; init; } = SlowConsumerPolicy.Queue();

    /// <summary>The adapter's <see cref="DeribitAdapter.States"/>: every transition. The default value is a queue of 10,000.</summary>
    public SlowConsumerPolicy States { get; init; } = SlowConsumerPolicy.Queue();

    /// <summary>
    /// How long a channel stays subscribed at the exchange, and the connection open, after a subscriber's observer threw
    /// or fell too far behind: a strategy that subscribes again within it finds both in place (and resting orders are
    /// not cancelled by cancel-on-disconnect). The default value is 30 seconds.
    /// </summary>
    public TimeSpan FailedSubscriberGrace { get; init; } = DefaultFailedSubscriberGrace;

    internal void AddErrors(List<string> errors, string prefix)
    {
        Check(errors, $"{prefix}.{nameof(Ticker)}", Ticker);
        Check(errors, $"{prefix}.{nameof(Book)}", Book);
        Check(errors, $"{prefix}.{nameof(OrderBook)}", OrderBook);
        Check(errors, $"{prefix}.{nameof(Trades)}", Trades);
        Check(errors, $"{prefix}.{nameof(Orders)}", Orders);
        Check(errors, $"{prefix}.{nameof(Channels)}", Channels);
        Check(errors, $"{prefix}.{nameof(States)}", States);
        if (Book is { Mode: not SlowConsumerMode.Queue })
        {
            errors.Add($"{prefix}.{nameof(Book)} must be a queue: a book that skips a change is wrong.");
        }

        if (FailedSubscriberGrace < TimeSpan.Zero)
        {
            errors.Add($"{prefix}.{nameof(FailedSubscriberGrace)} must not be negative (was {FailedSubscriberGrace}).");
        }
    }

    private static void Check(List<string> errors, string name, SlowConsumerPolicy? policy)
    {
        if (policy is null)
        {
            errors.Add($"{name} is required.");
            return;
        }

        errors.AddRange(policy.Problems(name));
    }
}
