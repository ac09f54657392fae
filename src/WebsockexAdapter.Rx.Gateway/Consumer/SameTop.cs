using WebsockexAdapter.Rx.Deribit;

namespace WebsockexAdapter.Rx.Gateway;

/// <summary>
/// Two tops of book are the same when their connection epoch, best prices and amounts are: a change deeper in the book
/// (a new change id, the same top) is no change of the top, and a new connection's book is one even at the same prices.
/// </summary>
internal sealed class SameTop : IEqualityComparer<ChannelMessage<TopOfBook>>
{
    public static SameTop Instance { get; } = new();

    public bool Equals(ChannelMessage<TopOfBook> x, ChannelMessage<TopOfBook> y) =>
        x.Epoch == y.Epoch
        && x.Data.BestBid == y.Data.BestBid && x.Data.BestBidAmount == y.Data.BestBidAmount
        && x.Data.BestAsk == y.Data.BestAsk && x.Data.BestAskAmount == y.Data.BestAskAmount;

    public int GetHashCode(ChannelMessage<TopOfBook> obj) =>
        HashCode.Combine(obj.Epoch, obj.Data.BestBid, obj.Data.BestBidAmount, obj.Data.BestAsk, obj.Data.BestAskAmount);
}
