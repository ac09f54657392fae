using System.Text.Json;
using WebsockexAdapter.Rx.Benchmarks.Loopback;

namespace WebsockexAdapter.Rx.Benchmarks.EndToEnd.Contenders;

/// <summary>
/// The least a <see cref="JsonElement"/> per message costs on this library's fastest receive path: each message lent by
/// <see cref="IConnection.SubscribeViews"/> (as the adapter's session reads it), its <c>data</c> found by a byte search and
/// parsed into a document that is kept, as the adapter's JsonElement stream must keep it (a subscriber may hold the
/// element, so the document can be neither pooled nor disposed), then <c>data.change_id</c> read. No routing, no
/// queue, no delivery: the adapter's JsonElement stream does all this and more, so its rate cannot pass this row's.
/// </summary>
internal sealed class ConnectionViewsDocument : Contender
{
    public override string Name => "IConnection.SubscribeViews, data to a JsonDocument (RFC 6455)";

    public override string Touches => "parses data, reads data.change_id";

    public override long ExpectedChecksum(LoopbackServer server, int messages) => BookBlast.ChangeIdSum(messages);

    public override Task<long> ReceiveAsync(Uri server, int messages, RoundClock clock, CancellationToken cancellationToken)
    {
        var counter = new MessageCounter(messages, clock);
        return ConnectionViews.ReceiveViewsAsync(server, new Parsing(counter), counter, cancellationToken);
    }

    private sealed class Parsing(MessageCounter counter) : IFrameViewObserver
    {
        public void OnNext(FrameView frame)
        {
            if (frame.Kind != FrameKind.Text)
            {
                return;
            }

            // The blast's notifications end with data's brace, then params' and the root's.
            var payload = frame.Payload;
            var data = payload[(payload.IndexOf("\"data\":"u8) + 7)..^2];
#pragma warning disable CA2000 // Kept, as a stream that hands out its elements must keep it: see the summary.
            var document = JsonDocument.Parse(data.ToArray());
#pragma warning restore CA2000
            counter.Add(document.RootElement.GetProperty("change_id").GetInt64());
        }

        public void OnError(Exception reason) => counter.Fail(reason);

        public void OnCompleted() => counter.Complete();
    }
}
