using Parquet;
using Parquet.Schema;
using Parquet.Serialization;
using WebsockexAdapter.Rx.Recording.Parquet;
using WebsockexAdapter.Rx.Recording.Tests.Support;
using static WebsockexAdapter.Rx.Recording.Tests.Support.ScriptedRecording;

namespace WebsockexAdapter.Rx.Recording.Tests.Parquet;

public sealed class RecordingParquetExportTest : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Export_WritesOneRowPerEvent_WithTheBookTopAndTickerTyped_AndReadsBack()
    {
        var recording = BookAndTicker();
        var path = _files.File("session.parquet");

        var written = await RecordingParquetExport.ExportAsync(recording, path);

        var rows = (await ParquetSerializer.DeserializeAsync<RecordingRow>(path)).Data;
        Assert.Equal(recording.Events.Count, written);
        Assert.Equal(written, rows.Count);
        var books = rows.Where(r => r.Channel == "book.BTC-PERPETUAL.100ms").ToList();
        Assert.Equal((100.0, 1.0, 101.0, 3.0), (books[0].BestBid, books[0].BestBidAmount, books[0].BestAsk, books[0].BestAskAmount));
        Assert.Equal((99.0, 2.0, 100.5, 1.0), (books[1].BestBid, books[1].BestBidAmount, books[1].BestAsk, books[1].BestAskAmount));
        var ticker = Assert.Single(rows, r => r.Channel == "ticker.BTC-PERPETUAL.100ms");
        Assert.Equal((99.5, 100.5, 100.25, 100.1), (ticker.TickerBestBid, ticker.TickerBestAsk, ticker.LastPrice, ticker.MarkPrice));
        Assert.Null(ticker.BestBid);
        Assert.Equal(new DateTime(2 * Second, DateTimeKind.Utc), books[1].Time);
        Assert.All(rows.Where(r => r.Kind == "received"), r => Assert.Equal(1, r.Epoch));
        Assert.Equal(["connect_started", "connected", "received", "received", "received", "close_requested", "received", "released"], rows.Select(r => r.Kind));
    }

    [Fact]
    public async Task Export_Schema_IsWhatDuckDbAndPandasRead()
    {
        var path = _files.File("session.parquet");
        await RecordingParquetExport.ExportAsync(BookAndTicker(), path);

        var schema = await ParquetReader.ReadSchemaAsync(path);

        var fields = schema.DataFields.ToDictionary(f => f.Name);
        Assert.Equal(
            ["time", "connection", "epoch", "kind", "channel", "payload", "best_bid", "best_bid_amount", "best_ask", "best_ask_amount", "ticker_best_bid", "ticker_best_ask", "last_price", "mark_price"],
            schema.DataFields.Select(f => f.Name));
        var time = Assert.IsType<DateTimeDataField>(fields["time"]);
        Assert.Equal(DateTimeFormat.Timestamp, time.DateTimeFormat);
        Assert.Equal(typeof(double), fields["best_bid"].ClrType);
        Assert.True(fields["best_bid"].IsNullable);
        Assert.Equal(typeof(ReadOnlyMemory<char>), fields["payload"].ClrType); // how Parquet.Net reads back a UTF-8 string column
    }

    private SessionRecording BookAndTicker()
    {
        using var session = new ScriptedRecording(_files.File());
        session.At(1 * Second, () => session.Transport.Last.SendText(Notification("book.BTC-PERPETUAL.100ms", """{"type":"snapshot","change_id":1,"bids":[["new",100,1],["new",99,2]],"asks":[["new",101,3]]}""")));
        session.At(2 * Second, () => session.Transport.Last.SendText(Notification("book.BTC-PERPETUAL.100ms", """{"type":"change","change_id":2,"prev_change_id":1,"bids":[["delete",100,0]],"asks":[["new",100.5,1]]}""")));
        session.At(3 * Second, () => session.Transport.Last.SendText(Notification("ticker.BTC-PERPETUAL.100ms", """{"best_bid_price":99.5,"best_ask_price":100.5,"last_price":100.25,"mark_price":100.1}""")));
        session.Scheduler.AdvanceTo(4 * Second);
        return session.Finish();
    }

    private static string Notification(string channel, string data) =>
        """{"jsonrpc":"2.0","method":"subscription","params":{"channel":""" + "\"" + channel + "\",\"data\":" + data + "}}";
}
