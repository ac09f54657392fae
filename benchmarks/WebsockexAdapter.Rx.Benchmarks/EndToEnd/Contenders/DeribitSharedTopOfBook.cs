using WebsockexAdapter.Rx.Benchmarks.Loopback;
using WebsockexAdapter.Rx.Deribit;

namespace WebsockexAdapter.Rx.Benchmarks.EndToEnd.Contenders;

/// <summary>
/// The Deribit adapter's shared order book: <see cref="DeribitAdapter.SubscribeTopOfBook"/>, every change applied to
/// the instrument's one book and the best bid and ask compared; the strategy's callback runs when they changed. The
/// top does not change with every message, so the end of the stream is seen by a second subscriber of the same shared
/// book that counts its updates (and checks their ids); it adds a callback per message, nothing else. The round ends
/// once the strategy has also been handed the last book's top from its delivery queue.
/// </summary>
internal sealed class DeribitSharedTopOfBook : Contender
{
    public override string Name => "DeribitAdapter.SubscribeTopOfBook (shared book)";

    public override string Touches => "TopOfBook.Mid on each change of the top";

    public override bool SubscribesFirst => true;

    public override bool HoldsBlast => true;

    public override long ExpectedChecksum(LoopbackServer server, int messages) => BookBlast.ChangeIdSum(messages);

    public override async Task<long> ReceiveAsync(Uri server, int messages, RoundClock clock, CancellationToken cancellationToken)
    {
        using var adapter = new DeribitAdapter(DeribitTypedBook.Options(server));
        var counter = new MessageCounter(messages, clock);
        var gate = new object();
        decimal mids = 0;
        TopOfBook? latest = null;
        TopOfBook? awaited = null;
        var caughtUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        SharedOrderBook? book = null;

        // Subscribing connects, and a shared stream hands a later subscriber only what comes after it: the server holds
        // the blast until both have subscribed, so neither can miss the first messages however slow this thread is.
        using (adapter.SharedBook("BTC-PERPETUAL", "100ms").Subscribe(
            message =>
            {
                book = message.Data;
                counter.Add(message.Data.Book.ChangeId);
            },
            counter.Fail,
            counter.Complete))
        {
            using var top = adapter.SubscribeTopOfBook("BTC-PERPETUAL").Subscribe(
                message =>
                {
                    mids += message.Data.Mid;
                    lock (gate)
                    {
                        latest = message.Data;
                        if (SamePrices(awaited, latest))
                        {
                            caughtUp.TrySetResult();
                        }
                    }
                },
                counter.Fail);
            ReleaseBlast();
            var checksum = await counter.Done.WaitAsync(cancellationToken).ConfigureAwait(false);

            // The strategy's callbacks run from its own delivery queue: the round ends when it has been handed the top
            // of the last book, not when the book has been applied.
            lock (gate)
            {
                awaited = book!.Book.Top();
                if (SamePrices(awaited, latest))
                {
                    caughtUp.TrySetResult();
                }
            }

            await caughtUp.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            return mids > 0 ? checksum : -1;
        }
    }

    private static bool SamePrices(TopOfBook? a, TopOfBook? b) =>
        a is { } x && b is { } y
        && (x.BestBid, x.BestBidAmount, x.BestAsk, x.BestAskAmount) == (y.BestBid, y.BestBidAmount, y.BestAsk, y.BestAskAmount);
}
