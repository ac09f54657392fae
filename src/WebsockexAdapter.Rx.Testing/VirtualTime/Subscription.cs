namespace WebsockexAdapter.Rx.Testing;

/// <summary>When a test observable was subscribed to and when that subscription was disposed, in ticks.</summary>
/// <param name="Subscribe">The virtual time of the subscription.</param>
/// <param name="Unsubscribe">The virtual time of the disposal, or <see cref="Infinite"/> while it lasts.</param>
public readonly record struct Subscription(long Subscribe, long Unsubscribe = Subscription.Infinite)
{
    /// <summary>The unsubscription time of a subscription never disposed.</summary>
    public const long Infinite = long.MaxValue;

    /// <summary>The interval, as Microsoft.Reactive.Testing prints it.</summary>
    public override string ToString() =>
        Unsubscribe == Infinite ? $"({Subscribe}, Infinite)" : $"({Subscribe}, {Unsubscribe})";
}
