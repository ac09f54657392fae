namespace WebsockexAdapter.Rx.Simulator.MarketData;

/// <summary>Produces a channel's notifications, fully serialized, one at a time.</summary>
internal interface IChannelFeed
{
    /// <summary>
    /// True when a recorded run of notifications may be sent again in a loop (no chain to break), which lets
    /// blast mode pre-serialize them.
    /// </summary>
    bool IsRepeatable { get; }

    byte[] Next(long timestampMs);
}
