namespace WebsockexAdapter.Rx.Gateway;

/// <summary>The channel families the gateway carries.</summary>
internal enum ChannelKind
{
    Book,
    Ticker,
    Trades,
}
