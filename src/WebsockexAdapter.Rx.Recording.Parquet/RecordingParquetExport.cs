using System.Text.Json;
using Parquet.Serialization;

namespace WebsockexAdapter.Rx.Recording.Parquet;

/// <summary>
/// Writes a recording to a Parquet file, one <see cref="RecordingRow"/> per event, for analysis in DuckDB
/// (<c>SELECT * FROM 'session.parquet'</c>), pandas (<c>pd.read_parquet</c>) or Spark.
/// </summary>
public static class RecordingParquetExport
{
    /// <summary>The rows of <paramref name="recording"/>, in recorded order.</summary>
    /// <param name="recording">The recording.</param>
    public static IEnumerable<RecordingRow> Rows(SessionRecording recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        return RowsOf(recording);
    }

    /// <summary>Writes the rows of <paramref name="recording"/> to <paramref name="path"/> (replacing it) and returns how many.</summary>
    /// <param name="recording">The recording.</param>
    /// <param name="path">The Parquet file to write.</param>
    /// <param name="cancellationToken">Stops the export.</param>
    public static async Task<int> ExportAsync(SessionRecording recording, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recording);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var rows = Rows(recording).ToList();
        await ParquetSerializer.SerializeAsync(rows, path, cancellationToken: cancellationToken).ConfigureAwait(false);
        return rows.Count;
    }

    private static IEnumerable<RecordingRow> RowsOf(SessionRecording recording)
    {
        var books = new BookTops();
        var epoch = 0;
        foreach (var recorded in recording.Events)
        {
            if (recorded.Kind == RecordedEventKind.Connected)
            {
                epoch++;
                books.Clear();
            }

            var row = new RecordingRow
            {
                Time = recorded.Time.UtcDateTime,
                Connection = recorded.Connection,
                Epoch = epoch,
                Kind = KindName(recorded.Kind),
                Payload = recorded.Frame is { Kind: FrameKind.Text } text ? text.Text : recorded.Frame?.ToString() ?? recorded.Detail,
            };
            if (recorded.Kind == RecordedEventKind.Received && recorded.Frame is { Kind: FrameKind.Text } frame)
            {
                AddChannel(frame, row, books);
            }

            yield return row;
        }
    }

    private static void AddChannel(Frame frame, RecordingRow row, BookTops books)
    {
        try
        {
            using var document = JsonDocument.Parse(frame.Payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("method"u8, out var method) || !method.ValueEquals("subscription"u8)
                || !root.TryGetProperty("params"u8, out var parameters) || parameters.ValueKind != JsonValueKind.Object
                || !parameters.TryGetProperty("channel"u8, out var channelElement) || channelElement.ValueKind != JsonValueKind.String
                || !parameters.TryGetProperty("data"u8, out var data) || data.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            var channel = channelElement.GetString()!;
            row.Channel = channel;
            if (channel.StartsWith("book.", StringComparison.Ordinal))
            {
                books.Apply(channel, data, row);
            }
            else if (channel.StartsWith("ticker.", StringComparison.Ordinal))
            {
                row.TickerBestBid = Number(data, "best_bid_price"u8);
                row.TickerBestAsk = Number(data, "best_ask_price"u8);
                row.LastPrice = Number(data, "last_price"u8);
                row.MarkPrice = Number(data, "mark_price"u8);
            }
        }
        catch (JsonException)
        {
            // Not JSON: the row keeps its payload and no channel.
        }
    }

    private static double? Number(JsonElement data, ReadOnlySpan<byte> name) =>
        data.TryGetProperty(name, out var value) && value.TryGetDouble(out var number) ? number : null;

    private static string KindName(RecordedEventKind kind) => kind switch
    {
        RecordedEventKind.ConnectStarted => "connect_started",
        RecordedEventKind.Connected => "connected",
        RecordedEventKind.ConnectFailed => "connect_failed",
        RecordedEventKind.Received => "received",
        RecordedEventKind.Sent => "sent",
        RecordedEventKind.Dropped => "dropped",
        RecordedEventKind.CloseRequested => "close_requested",
        RecordedEventKind.Aborted => "aborted",
        RecordedEventKind.Released => "released",
        _ => kind.ToString(),
    };
}
