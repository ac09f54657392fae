using WebsockexAdapter.Rx.Deribit;

namespace WebsockexAdapter.Rx.Gateway.Tests.Consumer;

public sealed class BookTrackerTests
{
    private const string Channel = "book.BTC-PERPETUAL.100ms";

    [Fact]
    public void Subscribed_WithABook_DeliversItAsTheSnapshot_ThenOnlyTheMessagesAfterIt()
    {
        var (tracker, output) = Tracker();
        tracker.OnSubscribed(Reply("gw/1", seq: 10, Update(BookUpdateKind.Snapshot, 100)), output);
        tracker.OnMessage(Message("gw/1", 9, Update(BookUpdateKind.Change, 100, 99)), output);
        tracker.OnMessage(Message("gw/1", 10, Update(BookUpdateKind.Change, 100, 99)), output);
        tracker.OnMessage(Message("gw/1", 11, Update(BookUpdateKind.Change, 101, 100)), output);
        tracker.OnMessage(Message("gw/1", 11, Update(BookUpdateKind.Change, 101, 100)), output);

        Assert.Equal([BookUpdateKind.Snapshot, BookUpdateKind.Change], output.Select(static m => m.Data.Kind));
        Assert.Equal([100L, 101L], output.Select(static m => m.Data.ChangeId));
        Assert.Equal(1, output[0].Epoch);
    }

    [Fact]
    public void Hole_EndsTheBookWithAReset_AndAsksForANewSubscribe()
    {
        var (tracker, output) = Tracker();
        tracker.OnSubscribed(Reply("gw/1", seq: 10, Update(BookUpdateKind.Snapshot, 100)), output);
        tracker.OnMessage(Message("gw/1", 12, Update(BookUpdateKind.Change, 102, 101)), output);

        Assert.True(tracker.NeedsSubscribe);
        Assert.Equal(BookUpdateKind.Reset, output[^1].Data.Kind);
        Assert.Contains("1 lost", output[^1].Data.ResetReason, StringComparison.Ordinal);
    }

    [Fact]
    public void AnotherFeed_IsAHole_AndTheFeedLeftBehindIsIgnoredAfterwards()
    {
        var (tracker, output) = Tracker();
        tracker.OnSubscribed(Reply("gw/1", seq: 10, Update(BookUpdateKind.Snapshot, 100)), output);
        tracker.OnMessage(Message("gw2/1", 1, Update(BookUpdateKind.Snapshot, 500), gateway: "gw2"), output);
        Assert.True(tracker.NeedsSubscribe);

        tracker.OnSubscribed(Reply("gw2/1", seq: 1, Update(BookUpdateKind.Snapshot, 500), gateway: "gw2"), output);
        tracker.OnMessage(Message("gw/1", 11, Update(BookUpdateKind.Change, 101, 100)), output);
        tracker.OnMessage(Message("gw2/1", 2, Update(BookUpdateKind.Change, 501, 500), gateway: "gw2"), output);

        Assert.False(tracker.NeedsSubscribe);
        Assert.Equal([BookUpdateKind.Snapshot, BookUpdateKind.Reset, BookUpdateKind.Snapshot, BookUpdateKind.Change], output.Select(static m => m.Data.Kind));
        Assert.Equal([1, 1, 2, 2], output.Select(static m => m.Epoch));
    }

    [Fact]
    public void Subscribed_WithoutABook_WaitsForTheSnapshotInTheStream_AndAHoleBeforeItEmitsNoReset()
    {
        var (tracker, output) = Tracker();
        tracker.OnSubscribed(Reply("gw/1", seq: 0, book: null), output);
        tracker.OnMessage(Message("gw/1", 1, Update(BookUpdateKind.Snapshot, 100)), output);
        Assert.Single(output);

        var (other, nothing) = Tracker();
        other.OnSubscribed(Reply("gw/1", seq: 0, book: null), nothing);
        other.OnMessage(Message("gw/1", 5, Update(BookUpdateKind.Snapshot, 100)), nothing);
        Assert.Empty(nothing);
        Assert.True(other.NeedsSubscribe);
    }

    [Fact]
    public void ErrorFromTheGateway_EndsTheStreamWithGatewayStreamException()
    {
        var (tracker, output) = Tracker();
        tracker.OnSubscribed(Reply("gw/1", seq: 0, book: null), output);
        var error = Assert.Throws<GatewayStreamException>(() => tracker.OnMessage(new GatewayEnvelope<BookUpdate> { GatewayId = "gw", Source = "gw/1", Seq = 1, Error = "refused" }, output));
        Assert.Equal(Channel, error.Channel);
    }

    private static (BookTracker Tracker, List<ChannelMessage<BookUpdate>> Output) Tracker() => (new BookTracker(Channel, "BTC-PERPETUAL", new EpochMap()), []);

    private static SubscribeReply Reply(string source, long seq, BookUpdate? book, string gateway = "gw") =>
        new() { Ok = true, GatewayId = gateway, Source = source, Seq = seq, Epoch = 1, Book = book };

    private static GatewayEnvelope<BookUpdate> Message(string source, long seq, BookUpdate update, string gateway = "gw") =>
        new() { GatewayId = gateway, Source = source, Seq = seq, Epoch = 1, Data = update };

    private static BookUpdate Update(BookUpdateKind kind, long changeId, long? previous = null) =>
        new() { Kind = kind, InstrumentName = "BTC-PERPETUAL", ChangeId = changeId, PrevChangeId = previous };
}
