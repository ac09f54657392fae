using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using K4os.Compression.LZ4;
using WebsockexAdapter.Rx.Benchmarks.Reporting;
using WebsockexAdapter.Rx.Recording;
using ZstdSharp;

namespace WebsockexAdapter.Rx.Benchmarks.Recording;

/// <summary>
/// Bytes per message and compression time of the codecs the format could use, over a recorded round's own records
/// cut into 1 MiB blocks (what the recorder compresses at a blast's rate), against the raw JSON payloads. Every codec
/// writes into one buffer allocated beforehand, as the recorder does, and its time is the least CPU time of the thread in five passes after two
/// untimed ones (<see cref="ThreadCpuClock"/>; the machine is shared, and the least disturbed pass is the codec's own cost).
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
        var output = new byte[Math.Max(Compressor.GetCompressBound(BlockSize * 2), BrotliEncoder.GetMaxCompressedLength(BlockSize * 2))];
        rows.Add(Measure("Brotli q1", blocks, messages, b => Brotli(b, output, 1)));
        rows.Add(Measure("Brotli q4", blocks, messages, b => Brotli(b, output, 4)));
        using var zstd1 = new Compressor(1);
        rows.Add(Measure("Zstandard 1", blocks, messages, b => zstd1.Wrap(b, output)));
        foreach (var fast in new[] { -1, -3, -7 })
        {
            using var zstdFast = new Compressor(fast);
            rows.Add(Measure(FormattableString.Invariant($"Zstandard {fast} (fast)"), blocks, messages, b => zstdFast.Wrap(b, output)));
        }

        using var zstd3 = new Compressor(3);
        rows.Add(Measure("Zstandard 3", blocks, messages, b => zstd3.Wrap(b, output)));
        rows.Add(Measure("LZ4 fast", blocks, messages, b => LZ4Codec.Encode(b, output, LZ4Level.L00_FAST)));
        rows.Add(Measure("LZ4 HC 3", blocks, messages, b => LZ4Codec.Encode(b, output, LZ4Level.L03_HC)));
        return rows;
    }

    /// <summary>The rows as a markdown table.</summary>
    public static string Table(IReadOnlyList<Row> rows) => MarkdownTable.Render(
        ["codec (1 MiB blocks of the recording)", "bytes/msg", "compress ns/msg (thread CPU, least of 5)"],
        rows.Select(c => (IReadOnlyList<string>)
        [
            c.Codec,
            c.BytesPerMessage.ToString("0.0", CultureInfo.InvariantCulture),
            c.NanosecondsPerMessage > 0 ? c.NanosecondsPerMessage.ToString("0", CultureInfo.InvariantCulture) : "-",
        ]));

    private static Row Measure(string codec, List<byte[]> blocks, int messages, Func<byte[], int> compress)
    {
        // A recording of a few blocks would be timed in the JIT's first, slow code: call the codec often enough on a
        // small piece for its methods to be promoted (30 calls each), and give the JIT's background thread time to do it.
        var piece = blocks[0].AsSpan(0, Math.Min(blocks[0].Length, 64 * 1024)).ToArray();
        for (var i = 0; i < 40; i++)
        {
            compress(piece);
        }

        Thread.Sleep(300);
        long bytes = 0;
        var best = ThreadCpuClock.Best(() => bytes = blocks.Sum(b => (long)compress(b)));
        return new Row(codec, (double)bytes / messages, best.TotalNanoseconds / messages);
    }

    private static int Brotli(byte[] block, byte[] output, int quality)
    {
        BrotliEncoder.TryCompress(block, output, out var written, quality, 22);
        return written;
    }

    /// <summary>The recording's events encoded as the recorder encodes them, in 1 MiB blocks.</summary>
    public static List<byte[]> Blocks(SessionRecording recording)
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
