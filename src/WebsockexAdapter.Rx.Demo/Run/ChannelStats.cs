namespace WebsockexAdapter.Rx.Demo.Run;

/// <summary>One channel's figures at one moment.</summary>
/// <param name="Channel">The channel name, e.g. <c>ticker.BTC-PERPETUAL.100ms</c>.</param>
/// <param name="Messages">Messages received since the run started.</param>
/// <param name="PerSecond">Messages received in the last second.</param>
/// <param name="LastEpoch">The connection epoch of the last message (0 before the first).</param>
internal sealed record ChannelStats(string Channel, long Messages, int PerSecond, int LastEpoch);
