using WebsockexAdapter.Rx.Benchmarks.Loopback;
using WebsockexAdapter.Rx.Deribit;

namespace WebsockexAdapter.Rx.Benchmarks.EndToEnd.Contenders;

/// <summary>
/// The Deribit adapter's raw channel stream: <see cref="DeribitAdapter.Subscribe(string)"/>, one JSON parse per
/// notification and the channel router, reading <c>change_id</c> from each message's data. The adapter restores its
/// session first (heartbeat, subscribe), which the server answers before it blasts; that is not timed.
/// </summary>
internal sealed class DeribitChannelStream : Contender
{
    public override string Name => "DeribitAdapter.Subscribe (JsonElement)";

    public override string Touches => "reads data.change_id of each message";

    public override bool SubscribesFirst => true;

    public override long ExpectedChecksum(LoopbackServer server, int messages) => BookBlast.ChangeIdSum(messages);

    public override async Task<long> ReceiveAsync(Uri server, int messages, RoundClock clock, CancellationToken cancellationToken)
    {
        using var adapter = new DeribitAdapter(DeribitTypedBook.Options(server));
        var counter = new MessageCounter(messages, clock);
        using (adapter.Subscribe(BookNotifications.Channel).Subscribe(
            message => counter.Add(message.Data.GetProperty("change_id").GetInt64()),
            counter.Fail,
            counter.Complete))
        {
            return await counter.Done.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
