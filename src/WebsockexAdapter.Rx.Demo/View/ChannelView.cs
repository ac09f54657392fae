namespace WebsockexAdapter.Rx.Demo.View;

/// <summary>How channel names are shown.</summary>
internal static class ChannelView
{
    /// <summary><c>user.orders.BTC-PERPETUAL.raw</c> becomes <c>user.orders</c>, <c>book.BTC-PERPETUAL.100ms</c> becomes <c>book</c>.</summary>
    public static string ShortName(string channel) =>
        channel.StartsWith("user.", StringComparison.Ordinal) ? string.Join('.', channel.Split('.').Take(2)) : channel.Split('.')[0];
}
