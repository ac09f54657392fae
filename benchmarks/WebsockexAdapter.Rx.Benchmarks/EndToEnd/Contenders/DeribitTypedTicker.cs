using WebsockexAdapter.Rx.Benchmarks.Loopback;
using WebsockexAdapter.Rx.Deribit;

namespace WebsockexAdapter.Rx.Benchmarks.EndToEnd.Contenders;

/// <summary>
/// The Deribit adapter's typed ticker, <see cref="DeribitAdapter.SubscribeTicker"/>, over a stream of full perpetual
/// tickers; compare with the string loop over the same feed.
/// </summary>
internal sealed class DeribitTypedTicker : Contender
{
    public override string Name => "DeribitAdapter.SubscribeTicker (typed)";

    public override string Touches => "Ticker.Timestamp of each ticker (ticker feed)";

    public override bool SubscribesFirst => true;

    public override Feed Feed => Feed.Ticker;

    public override long ExpectedChecksum(LoopbackServer server, int messages) => RepeatingBlast.NumberSum(messages);

    public override async Task<long> ReceiveAsync(Uri server, int messages, RoundClock clock, CancellationToken cancellationToken)
    {
        using var adapter = new DeribitAdapter(DeribitTypedBook.Options(server));
        var counter = new MessageCounter(messages, clock);
        using (adapter.SubscribeTicker("BTC-PERPETUAL").Subscribe(message => counter.Add(message.Data.Timestamp), counter.Fail, counter.Complete))
        {
            return await counter.Done.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
