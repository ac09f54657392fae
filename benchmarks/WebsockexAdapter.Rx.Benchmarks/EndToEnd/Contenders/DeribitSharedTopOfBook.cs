using WebsockexAdapter.Rx.Benchmarks.Loopback;
using WebsockexAdapter.Rx.Deribit;

namespace WebsockexAdapter.Rx.Benchmarks.EndToEnd.Contenders;

/// <summary>
/// The Deribit adapter's shared order book: <see cref="DeribitAdapter.SubscribeTopOfBook"/>, every change applied to
/// the instrument's one book and the best bid and ask compared; the strategy's callback runs when they changed. The
/// top does not change with every message, so the end of the stream is seen by a second subscriber of the same shared
/// book that counts its updates (and checks their ids); it adds a callback per message, nothing else.
/// </summary>
internal sealed class DeribitSharedTopOfBook : Contender
{
    public override string Name => "DeribitAdapter.SubscribeTopOfBook (shared book)";

    public override string Touches => "TopOfBook.Mid on each change of the top";

    public override bool SubscribesFirst => true;

    public override long ExpectedChecksum(LoopbackServer server, int messages) => BookBlast.ChangeIdSum(messages);

    public override async Task<long> ReceiveAsync(Uri server, int messages, RoundClock clock, CancellationToken cancellationToken)
    {
        using var adapter = new DeribitAdapter(DeribitTypedBook.Options(server));
        var counter = new MessageCounter(messages, clock);
        decimal mids = 0;
        using var top = adapter.SubscribeTopOfBook("BTC-PERPETUAL").Subscribe(message => mids += message.Data.Mid, counter.Fail);
        using (adapter.SharedBook("BTC-PERPETUAL", "100ms").Subscribe(
            message => counter.Add(message.Data.Book.ChangeId),
            counter.Fail,
            counter.Complete))
        {
            var checksum = await counter.Done.WaitAsync(cancellationToken).ConfigureAwait(false);
            return mids > 0 ? checksum : -1;
        }
    }
}
