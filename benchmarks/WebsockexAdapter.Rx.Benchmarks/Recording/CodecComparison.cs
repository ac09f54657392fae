using System.Buffers;
using System.Diagnostics;
using System.IO.Compression;
using K4os.Compression.LZ4;
using WebsockexAdapter.Rx.Recording;
using ZstdSharp;

namespace WebsockexAdapter.Rx.Benchmarks.Recording;

/// <summary>
/// Bytes per message and compression time of the codecs the format could use, over a recorded round's own records
/// cut into 1 MiB blocks (what the recorder compresses at a blast's rate), against the raw JSON payloads.
/// </summary>
internal static class CodecComparison
{
    private const int BlockSize = 1024 * 1024;

    public sealed record Row(string Codec, double BytesPerMessage, double NanosecondsPerMessage);

    public static IReadOnlyList<Row> Run(SessionRecording recording)
    {
        var received = recording.Events.Where(static e => e.Kind == RecordedEventKind.Received).ToList();
        var payload = received.Sum(static e => (long)e.Frame!.Payload.Length);
        var blocks = Blocks(recording);
        var messages = received.Count;
        var rows = new List<Row> { new("raw JSON payloads", (double)payload / messages, 0) };
        rows.Add(new("records, uncompressed", (double)blocks.Sum(static b => (long)b.Length) / messages, 0));
        rows.Add(Measure("Brotli q1", blocks, messages, static b => Brotli(b, 1)));
        rows.Add(Measure("Brotli q4", blocks, messages, static b => Brotli(b, 4)));
        using var zstd1 = new Compressor(1);
        rows.Add(Measure("Zstandard 1 (the format's)", blocks, messages, b => zstd1.Wrap(b).Length));
        foreach (var fast in new[] { -1, -3, -7 })
        {
            using var zstdFast = new Compressor(fast);
            rows.Add(Measure(FormattableString.Invariant($"Zstandard {fast} (fast)"), blocks, messages, b => zstdFast.Wrap(b).Length));
        }

        using var zstd3 = new Compressor(3);
        rows.Add(Measure("Zstandard 3", blocks, messages, b => zstd3.Wrap(b).Length));
        rows.Add(Measure("LZ4 fast", blocks, messages, static b => LZ4Pickler.Pickle(b, LZ4Level.L00_FAST).Length));
        return rows;
    }

    private static Row Measure(string codec, List<byte[]> blocks, int messages, Func<byte[], int> compress)
    {
        compress(blocks[0]);
        var watch = Stopwatch.StartNew();
        var bytes = blocks.Sum(b => (long)compress(b));
        return new Row(codec, (double)bytes / messages, watch.Elapsed.TotalNanoseconds / messages);
    }

    private static int Brotli(byte[] block, int quality)
    {
        var output = ArrayPool<byte>.Shared.Rent(BrotliEncoder.GetMaxCompressedLength(block.Length));
        BrotliEncoder.TryCompress(block, output, out var written, quality, 22);
        ArrayPool<byte>.Shared.Return(output);
        return written;
    }

    /// <summary>The recording's events encoded as the recorder encodes them, in 1 MiB blocks.</summary>
    private static List<byte[]> Blocks(SessionRecording recording)
    {
        var blocks = new List<byte[]>();
        var buffer = new ArrayBufferWriter<byte>(BlockSize * 2);
        foreach (var recorded in recording.Events.Where(static e => e.Frame is not null))
        {
            RecordEncoder.WriteHead(buffer, recorded.Kind, recorded.Time, recorded.Connection);
            RecordEncoder.WriteFrame(buffer, recorded.Frame!);
            if (buffer.WrittenCount >= BlockSize)
            {
                blocks.Add(buffer.WrittenSpan.ToArray());
                buffer.ResetWrittenCount();
            }
        }

        if (buffer.WrittenCount > 0)
        {
            blocks.Add(buffer.WrittenSpan.ToArray());
        }

        return blocks;
    }
}
