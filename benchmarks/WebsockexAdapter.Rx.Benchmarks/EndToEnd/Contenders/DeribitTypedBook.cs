using WebsockexAdapter.Rx.Benchmarks.Loopback;
using WebsockexAdapter.Rx.Deribit;
using WebsockexAdapter.Rx.Recording;

namespace WebsockexAdapter.Rx.Benchmarks.EndToEnd.Contenders;

/// <summary>
/// The Deribit adapter's typed book: <see cref="DeribitAdapter.SubscribeBook(string, string)"/>, each notification
/// decoded to a <see cref="BookUpdate"/> and checked for continuity (<c>prev_change_id</c>), which the server's stream
/// keeps unbroken. The snapshot and every change count; a reset would fail the checksum. With <paramref name="recordTo"/>
/// the session is recorded there (<c>options.Record</c>, with <paramref name="recording"/> or the default recording
/// options); everything else is the same. The clock stops at the last update; the recorder's final flush comes after
/// it, when the adapter is disposed.
/// </summary>
internal sealed class DeribitTypedBook(string? recordTo = null, RecordingOptions? recording = null) : Contender
{
    /// <summary>Where the session is recorded, or <see langword="null"/>.</summary>
    public string? RecordTo { get; } = recordTo;

    public override string Name => RecordTo is null ? "DeribitAdapter.SubscribeBook (typed)"
        : recording is null ? "DeribitAdapter.SubscribeBook (typed), recorded"
        : $"DeribitAdapter.SubscribeBook (typed), recorded ({recording.Codec})";

    public override string Touches => "BookUpdate.ChangeId of each update";

    public override bool SubscribesFirst => true;

    /// <summary>
    /// The adapter's options for a blast round. A blast outruns any consumer for a moment, so the queue must hold the
    /// whole round, or the policy ends the stream (or, for the ticker's default, keeps only the latest). Everything else
    /// is the adapter's default, its keep-alive included: the socket holds megabytes of the blast ahead of each pong, and
    /// the frames arriving before it keep the connection alive.
    /// </summary>
    public static DeribitOptions Options(Uri server) => new()
    {
        Url = server,
        Delivery = new()
        {
            Channels = SlowConsumerPolicy.Queue(2_000_000),
            Book = SlowConsumerPolicy.Queue(2_000_000),
            OrderBook = SlowConsumerPolicy.Queue(2_000_000),
            Ticker = SlowConsumerPolicy.Queue(2_000_000),
            Trades = SlowConsumerPolicy.Queue(2_000_000),
        },
    };

    public override long ExpectedChecksum(LoopbackServer server, int messages) => BookBlast.ChangeIdSum(messages);

    public override async Task<long> ReceiveAsync(Uri server, int messages, RoundClock clock, CancellationToken cancellationToken)
    {
        var options = Options(server);
        using var recorder = RecordTo is null ? null : options.Record(RecordTo, recording);
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
