using WebsockexAdapter.Rx.Benchmarks.Loopback;
using WebsockexAdapter.Rx.Deribit;

namespace WebsockexAdapter.Rx.Benchmarks.EndToEnd.Contenders;

/// <summary>
/// The Deribit adapter's typed book: <see cref="DeribitAdapter.SubscribeBook(string, string)"/>, each notification
/// decoded to a <see cref="BookUpdate"/> and checked for continuity (<c>prev_change_id</c>), which the server's stream
/// keeps unbroken. The snapshot and every change count; a reset would fail the checksum.
/// </summary>
internal sealed class DeribitTypedBook : Contender
{
    public override string Name => "DeribitAdapter.SubscribeBook (typed)";

    public override string Touches => "BookUpdate.ChangeId of each update";

    public override bool SubscribesFirst => true;

    public override long ExpectedChecksum(LoopbackServer server, int messages) => BookBlast.ChangeIdSum(messages);

    public override async Task<long> ReceiveAsync(Uri server, int messages, RoundClock clock, CancellationToken cancellationToken)
    {
        using var adapter = new DeribitAdapter(new DeribitOptions { Url = server });
        var counter = new MessageCounter(messages, clock);
        using (adapter.SubscribeBook("BTC-PERPETUAL").Subscribe(
            message =>
            {
                if (message.Data.Kind != BookUpdateKind.Reset)
                {
                    counter.Add(message.Data.ChangeId);
                }
            },
            counter.Fail,
            counter.Complete))
        {
            return await counter.Done.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
