using WebsockexAdapter.Rx.Benchmarks.Loopback;
using WebsockexAdapter.Rx.Deribit;

namespace WebsockexAdapter.Rx.Benchmarks.EndToEnd.Contenders;

/// <summary>
/// The Deribit adapter's typed trades, <see cref="DeribitAdapter.SubscribeTrades(string, string)"/>, one trade per
/// notification; compare with the string loop over the same feed.
/// </summary>
internal sealed class DeribitTypedTrades : Contender
{
    public override string Name => "DeribitAdapter.SubscribeTrades (typed)";

    public override string Touches => "Trade.TradeSeq of each trade (trades feed)";

    public override bool SubscribesFirst => true;

    public override Feed Feed => Feed.Trades;

    public override long ExpectedChecksum(LoopbackServer server, int messages) => RepeatingBlast.NumberSum(messages);

    public override async Task<long> ReceiveAsync(Uri server, int messages, RoundClock clock, CancellationToken cancellationToken)
    {
        using var adapter = new DeribitAdapter(DeribitTypedBook.Options(server));
        var counter = new MessageCounter(messages, clock);
        using (adapter.SubscribeTrades("BTC-PERPETUAL").Subscribe(
            message =>
            {
                foreach (var trade in message.Data)
                {
                    counter.Add(trade.TradeSeq);
                }
            },
            counter.Fail,
            counter.Complete))
        {
            return await counter.Done.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
