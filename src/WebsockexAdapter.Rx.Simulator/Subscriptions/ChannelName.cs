namespace WebsockexAdapter.Rx.Simulator.Subscriptions;

/// <summary>
/// A parsed channel name: <c>book.{i}.{interval}</c>, <c>book.{i}.{group}.{depth}.{interval}</c>,
/// <c>ticker.{i}.{interval}</c>, <c>trades.{i}.{interval}</c> or <c>user.orders.{i}.{interval}</c>.
/// </summary>
internal sealed record ChannelName(string Name, ChannelKind Kind, string Instrument, string Interval, int Depth = 0)
{
    private static readonly string[] Intervals = ["raw", "100ms", "agg2"];

    /// <summary><c>raw</c> channels and the account's own <c>user.*</c> channels need an authenticated connection.</summary>
    public bool NeedsAuthentication => Kind == ChannelKind.UserOrders || Interval == "raw";

    public bool IsMarketData => Kind != ChannelKind.UserOrders;

    public static ChannelName? TryParse(string name, IReadOnlyCollection<string> instruments)
    {
        var parts = name.Split('.');
        var parsed = parts switch
        {
            ["book", var i, var interval] => new ChannelName(name, ChannelKind.Book, i, interval),
            ["book", var i, var group, var depth, var interval] when IsGroup(group) && int.TryParse(depth, out var d) && d is > 0 and <= 1000 =>
                new ChannelName(name, ChannelKind.GroupedBook, i, interval, d),
            ["ticker", var i, var interval] => new ChannelName(name, ChannelKind.Ticker, i, interval),
            ["trades", var i, var interval] => new ChannelName(name, ChannelKind.Trades, i, interval),
            ["user", "orders", var i, var interval] => new ChannelName(name, ChannelKind.UserOrders, i, interval),
            _ => null,
        };

        return parsed is not null && instruments.Contains(parsed.Instrument) && Intervals.Contains(parsed.Interval) ? parsed : null;
    }

    private static bool IsGroup(string group) => group == "none" || int.TryParse(group, out var g) && g > 0;
}
