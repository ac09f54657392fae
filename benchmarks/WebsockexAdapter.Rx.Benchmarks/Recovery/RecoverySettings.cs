namespace WebsockexAdapter.Rx.Benchmarks.Recovery;

/// <summary>How much the recovery suite measures.</summary>
/// <param name="ChannelCounts">How many channels are subscribed, one row each.</param>
/// <param name="Kills">Connections killed per row.</param>
/// <param name="NotificationInterval">How often the simulator publishes on every channel; it bounds how soon a restored channel can show it delivers.</param>
/// <param name="Timeout">How long one recovery may take before the suite gives up.</param>
/// <param name="DefaultOptionsChannels">The channels of the last row, whose adapter and simulator keep every default option.</param>
/// <param name="DefaultOptionsKills">Connections killed in that row.</param>
internal sealed record RecoverySettings(IReadOnlyList<int> ChannelCounts, int Kills, TimeSpan NotificationInterval, TimeSpan Timeout, int DefaultOptionsChannels, int DefaultOptionsKills)
{
    /// <summary>
    /// How long the default-options row lets a connection live before killing it: longer than the backoff's
    /// <see cref="BackoffOptions.ResetAfter"/>, so each kill is the drop of a connection that was healthy, as a real
    /// exchange's drops are. Kills closer together are a flapping server, which the backoff rightly slows down.
    /// </summary>
    public static TimeSpan DefaultOptionsUptime { get; } = BackoffOptions.DefaultResetAfter + TimeSpan.FromSeconds(1);

    public static RecoverySettings Full { get; } = new([1, 10, 100], 50, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(30), 10, 10);

    public static RecoverySettings Quick { get; } = new([1, 10, 100], 2, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(15), 10, 1);
}
