using WebsockexAdapter.Rx.Benchmarks.Loopback;
using WebsockexAdapter.Rx.Deribit;
using WebsockexAdapter.Rx.Recording;

namespace WebsockexAdapter.Rx.Benchmarks.EndToEnd.Contenders;

/// <summary>
/// <see cref="DeribitTypedBook"/> with the session recorded to <see cref="Path"/> (<c>options.Record</c>, default
/// options: zstd level 1, a block every 100 ms). The clock stops at the last update, as for the unrecorded row; the
/// recorder's final flush is after it, when the adapter is disposed.
/// </summary>
internal sealed class DeribitTypedBookRecorded(string path) : Contender
{
    public string Path { get; } = path;

    public override string Name => "DeribitAdapter.SubscribeBook (typed), recorded";

    public override string Touches => "BookUpdate.ChangeId of each update";

    public override bool SubscribesFirst => true;

    public override long ExpectedChecksum(BookBlast blast, int messages) => BookBlast.ChangeIdSum(messages);

    public override async Task<long> ReceiveAsync(Uri server, int messages, RoundClock clock, CancellationToken cancellationToken)
    {
        var options = new DeribitOptions { Url = server };
        using var recorder = options.Record(Path);
        using var adapter = new DeribitAdapter(options);
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
