using System.Buffers;
using WebsockexAdapter.Rx.Deribit;

namespace WebsockexAdapter.Rx.Gateway.Tests.Wire;

public sealed class GatewayRecordsTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 12, 6, 5, 30, 1, 234, TimeSpan.FromHours(1));

    [Fact]
    public void BookUpdate_RoundTrips_EveryFieldAndEveryDecimalDigit()
    {
        var update = new BookUpdate
        {
            Kind = BookUpdateKind.Change,
            InstrumentName = "BTC-PERPETUAL",
            Timestamp = 1_733_462_401_234,
            ChangeId = 42,
            PrevChangeId = 41,
            Bids = [new(BookAction.New, 97_412.50m, 1_000.0m), new(BookAction.Delete, 97_412.0m, 0m)],
            Asks = [new(BookAction.Change, 0.000_000_01m, 79_228_162_514_264_337_593_543_950_335m)],
        };

        var decoded = RoundTrip(Envelope(7, update), BookUpdateCodec.Instance).Single();

        Assert.Equal(("gw-1", "gw-1/3", 7L, 2, "conn-9", ReceivedAt), (decoded.GatewayId, decoded.Source, decoded.Seq, decoded.Epoch, decoded.ConnectionId, decoded.ReceivedAt));
        Assert.Equal(ReceivedAt.Offset, decoded.ReceivedAt.Offset);
        Assert.Equal(update with { Bids = [], Asks = [] }, decoded.Data! with { Bids = [], Asks = [] });
        Assert.Equal(update.Bids, decoded.Data!.Bids);
        Assert.Equal(update.Asks, decoded.Data.Asks);
        Assert.Equal("97412.50", decoded.Data.Bids[0].Price.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(decoded.Error);
    }

    [Fact]
    public void ResetWithoutPreviousChange_RoundTrips_NullsStayNull()
    {
        var reset = new BookUpdate { Kind = BookUpdateKind.Reset, InstrumentName = "ETH-PERPETUAL", ResetReason = "gap" };

        var decoded = RoundTrip(Envelope(1, reset), BookUpdateCodec.Instance).Single().Data!;

        Assert.Null(decoded.PrevChangeId);
        Assert.Equal("gap", decoded.ResetReason);
        Assert.Empty(decoded.Bids);
    }

    [Fact]
    public void ErrorRecord_CarriesTheErrorAndNoData()
    {
        var decoded = RoundTrip(new GatewayEnvelope<BookUpdate> { GatewayId = "gw-1", Source = "gw-1/3", Seq = 9, Error = "refused" }, BookUpdateCodec.Instance).Single();

        Assert.Equal(("refused", 9L), (decoded.Error, decoded.Seq));
        Assert.Null(decoded.Data);
    }

    [Fact]
    public void Ticker_TravelsAsJsonInsideTheRecord()
    {
        var ticker = new Ticker { InstrumentName = "BTC-PERPETUAL", Timestamp = 5, MarkPrice = 97_000.25m, BestBidPrice = 96_999.5m };

        var decoded = RoundTrip(new GatewayEnvelope<Ticker> { GatewayId = "gw", Source = "gw/1", Seq = 1, Data = ticker }, JsonPayloadCodec<Ticker>.Instance).Single();

        Assert.Equal(ticker.MarkPrice, decoded.Data!.MarkPrice);
        Assert.Equal(ticker.BestBidPrice, decoded.Data.BestBidPrice);
    }

    [Fact]
    public void Batch_OfConcatenatedRecords_DecodesInOrder()
    {
        var scratch = new ArrayBufferWriter<byte>();
        byte[] batch = [.. Enumerable.Range(1, 3).SelectMany(seq => GatewayRecords.Encode(Envelope(seq, Change(seq)), BookUpdateCodec.Instance, scratch))];
        var records = new List<GatewayEnvelope<BookUpdate>>();

        GatewayRecords.Decode(batch, BookUpdateCodec.Instance, records);

        Assert.Equal([1L, 2L, 3L], records.Select(static r => r.Seq));
        Assert.Equal([1L, 2L, 3L], records.Select(static r => r.Data!.ChangeId));
    }

    [Fact]
    public void CutShortOrForeignBytes_AreAFormatException_NeverAnotherError()
    {
        var record = GatewayRecords.Encode(Envelope(1, Change(1)), BookUpdateCodec.Instance, new ArrayBufferWriter<byte>());
        var records = new List<GatewayEnvelope<BookUpdate>>();

        for (var length = 1; length < record.Length; length++)
        {
            Assert.Throws<FormatException>(() => GatewayRecords.Decode(record.AsSpan(0, length), BookUpdateCodec.Instance, records));
        }

        Assert.Throws<FormatException>(() => GatewayRecords.Decode("{\"seq\":1}"u8, BookUpdateCodec.Instance, records));
    }

    private static List<GatewayEnvelope<T>> RoundTrip<T>(GatewayEnvelope<T> envelope, IPayloadCodec<T> codec)
    {
        var records = new List<GatewayEnvelope<T>>();
        GatewayRecords.Decode(GatewayRecords.Encode(envelope, codec, new ArrayBufferWriter<byte>(16)), codec, records);
        return records;
    }

    private static GatewayEnvelope<BookUpdate> Envelope(long seq, BookUpdate update) =>
        new() { GatewayId = "gw-1", Source = "gw-1/3", Seq = seq, Epoch = 2, ConnectionId = "conn-9", ReceivedAt = ReceivedAt, Data = update };

    private static BookUpdate Change(long changeId) =>
        new() { Kind = BookUpdateKind.Change, InstrumentName = "BTC-PERPETUAL", ChangeId = changeId, PrevChangeId = changeId - 1, Bids = [new(BookAction.Change, 100m, changeId)] };
}
