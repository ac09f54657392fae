namespace WebsockexAdapter.Rx.Deribit.Tests.MarketData;

/// <summary>
/// The sequencer on its own, for what the adapter cannot show: the adapter reports every lost connection before the
/// next one's messages arrive, so the reset that a message of a new epoch triggers by itself is the sequencer's own
/// safety net.
/// </summary>
public sealed class BookSequencerTest
{
    private const string Channel = "book.BTC-PERPETUAL.100ms";

    private readonly List<ChannelMessage<BookUpdate>> _emitted = [];
    private readonly List<int> _snapshotRequests = [];
    private readonly BookSequencer _sequencer;

    public BookSequencerTest() => _sequencer = new BookSequencer(Channel, "BTC-PERPETUAL", _snapshotRequests.Add, _emitted.Add);

    private static ChannelMessage<BookData> Message(int epoch, bool snapshot, long changeId, long? previous) =>
        new(Channel, new BookData(snapshot, 1, "BTC-PERPETUAL", changeId, previous, [], []), epoch, $"c{epoch}", DateTimeOffset.UnixEpoch);

    [Fact]
    public void Next_AChangeOfANewEpochWhileTrackingABook_ResetsAndDropsIt()
    {
        _sequencer.Next(Message(1, snapshot: true, 10, null));

        _sequencer.Next(Message(2, snapshot: false, 11, 10));

        Assert.Equal([BookUpdateKind.Snapshot, BookUpdateKind.Reset], _emitted.Select(u => u.Data.Kind));
        Assert.Equal(("reconnect: epoch 2", 2, "c2"), (_emitted[1].Data.ResetReason, _emitted[1].Epoch, _emitted[1].ConnectionId));
        Assert.Empty(_snapshotRequests);
    }

    [Fact]
    public void Next_ASnapshotOfANewEpoch_ResetsThenStartsTheNewBook()
    {
        _sequencer.Next(Message(1, snapshot: true, 10, null));

        _sequencer.Next(Message(2, snapshot: true, 500, null));
        _sequencer.Next(Message(2, snapshot: false, 501, 500));

        Assert.Equal([BookUpdateKind.Snapshot, BookUpdateKind.Reset, BookUpdateKind.Snapshot, BookUpdateKind.Change], _emitted.Select(u => u.Data.Kind));
        Assert.Equal([1, 2, 2, 2], _emitted.Select(u => u.Epoch));
    }
}
