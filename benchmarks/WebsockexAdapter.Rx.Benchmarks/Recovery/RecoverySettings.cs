namespace WebsockexAdapter.Rx.Benchmarks.Recovery;

/// <summary>How much the recovery suite measures.</summary>
/// <param name="ChannelCounts">How many channels are subscribed, one row each.</param>
/// <param name="Kills">Connections killed per row.</param>
/// <param name="NotificationInterval">How often the simulator publishes on every channel; it bounds how soon a restored channel can show it delivers.</param>
/// <param name="Timeout">How long one recovery may take before the suite gives up.</param>
internal sealed record RecoverySettings(IReadOnlyList<int> ChannelCounts, int Kills, TimeSpan NotificationInterval, TimeSpan Timeout)
{
    public static RecoverySettings Full { get; } = new([1, 10, 100], 50, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(30));

    public static RecoverySettings Quick { get; } = new([1, 10, 100], 2, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(15));
}
