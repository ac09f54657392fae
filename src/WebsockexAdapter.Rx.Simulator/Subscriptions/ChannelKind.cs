namespace WebsockexAdapter.Rx.Simulator.Subscriptions;

/// <summary>The channel families the simulator publishes.</summary>
internal enum ChannelKind
{
    Book,
    GroupedBook,
    Ticker,
    Trades,
    UserOrders,
}
