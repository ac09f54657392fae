using System.Buffers;
using System.Reactive.Concurrency;
using WebsockexAdapter.Rx.Benchmarks.Reporting;
using WebsockexAdapter.Rx.Recording;

namespace WebsockexAdapter.Rx.Benchmarks.Recording;

/// <summary>
/// What the recorder costs per message, part by part, on one thread: a recorded round's received frames fed to a
/// <see cref="SessionRecorder"/> with no scheduler (so each block is redacted, compressed and written inline), once per
/// codec, and the parts alone (the clock, the copy into the block, the redaction check; and what the recorder did
/// before: a clock read per frame, a redaction scan of every block). Each figure is the least CPU time of the thread in
/// five passes after two untimed ones (<see cref="ThreadCpuClock"/>): the machine is shared, and the least disturbed
/// pass is the code's own cost.
/// </summary>
internal static class RecorderCost
{
    public sealed record Row(string Part, double NanosecondsPerMessage);

    public static IReadOnlyList<Row> Run(SessionRecording recording, string folder)
    {
        var frames = recording.Events
            .Where(static e => e.Kind == RecordedEventKind.Received && e.Frame!.Kind == FrameKind.Text)
            .Select(static e => e.Frame!)
            .ToArray();
        var rows = new List<Row>();
        foreach (var codec in Enum.GetValues<RecordingCodec>())
        {
            var path = Path.Combine(folder, $"cost-{codec}.wxrec");
            rows.Add(new($"whole recorder, {codec} (stamp aside: append, redaction check, compress, write)", Best(frames.Length, () =>
            {
                using var recorder = SessionRecorder.Create(path, new RecordingOptions { Codec = codec });
                var time = DateTimeOffset.UnixEpoch;
                foreach (var frame in frames)
                {
                    recorder.RecordReceived(time, 0, new ReceivedMessage(FrameKind.Text, frame.Payload));
                }
            })));
        }

        var now = default(DateTimeOffset);
        rows.Add(new("a clock read per frame (DefaultScheduler.Now, the recorder's before)", Best(frames.Length, () =>
        {
            for (var i = 0; i < frames.Length; i++)
            {
                now = DefaultScheduler.Instance.Now;
            }
        })));
        var clock = new ReceiveClock(DefaultScheduler.Instance);
        rows.Add(new("the clock in a burst (ReceiveClock: a read per coarse tick)", Best(frames.Length, () =>
        {
            for (var i = 0; i < frames.Length; i++)
            {
                now = clock.Now(precise: false);
            }
        })));
        var block = new ArrayBufferWriter<byte>(4 * 1024 * 1024);
        rows.Add(new("the copy into the block (record head and payload)", Best(frames.Length, () =>
        {
            foreach (var frame in frames)
            {
                RecordEncoder.WriteHead(block, RecordedEventKind.Received, now, 0);
                RecordEncoder.WriteMessage(block, FrameKind.Text, frame.Payload.Span);
                if (block.WrittenCount >= 1024 * 1024)
                {
                    block.ResetWrittenCount();
                }
            }
        })));
        rows.Add(new("the redaction check of each frame (the recorder's since it skips notifications)", Best(frames.Length, () =>
        {
            foreach (var frame in frames)
            {
                SecretRedactor.NeedsRedaction(RecordedEventKind.Received, FrameKind.Text, frame.Payload.Span);
            }
        })));
        var blocks = CodecComparison.Blocks(recording);
        rows.Add(new("the redaction scan of each block (the recorder's before)", Best(frames.Length, () =>
        {
            foreach (var b in blocks)
            {
                SecretRedactor.RedactBlock(b);
            }
        })));
        return rows;
    }

    private static double Best(int messages, Action pass) => ThreadCpuClock.Best(pass).TotalNanoseconds / messages;
}
