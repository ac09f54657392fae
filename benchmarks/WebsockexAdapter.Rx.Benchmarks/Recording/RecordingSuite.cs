using System.Globalization;
using System.Text;
using WebsockexAdapter.Rx.Benchmarks.EndToEnd;
using WebsockexAdapter.Rx.Benchmarks.EndToEnd.Contenders;
using WebsockexAdapter.Rx.Benchmarks.Loopback;
using WebsockexAdapter.Rx.Benchmarks.Reporting;
using WebsockexAdapter.Rx.Recording;

namespace WebsockexAdapter.Rx.Benchmarks.Recording;

/// <summary>
/// Recording and replay side by side in one run, over the e2e book blast: the adapter's typed book live, the same
/// live with the session recorded, and a replay of the round just recorded, each round in turn; then the codecs the
/// format could use, over that recording. Floors from issue 16: recording costs at most 10 % of live throughput, and
/// the replay reaches 1 M msg/s and the live rate.
/// </summary>
internal static class RecordingSuite
{
    public static async Task<string> RunAsync(E2eSettings settings, TextWriter progress, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("wxrec-bench");
        try
        {
            await using var server = LoopbackServer.Start();
            var live = new DeribitTypedBook();
            var recorded = new DeribitTypedBook(recordTo: Path.Combine(folder.FullName, "round.wxrec"));
            var samples = new[] { live.Name, recorded.Name, ReplayedStreams.FramesName, ReplayedStreams.ChannelName, ReplayedStreams.BookName, ReplayedStreams.BookOnRxSchedulerName }.ToDictionary(n => n, _ => (Rate: new List<double>(), Alloc: new List<double>(), Cpu: new List<double>()));
            var loadBefore = Machine.LoadAverage();
            SessionRecording? recording = null;
            long fileBytes = 0;
            for (var round = -settings.WarmupRounds; round < settings.Rounds; round++)
            {
                Contender[] order = round % 2 == 0 ? [live, recorded] : [recorded, live];
                foreach (var contender in order)
                {
                    Add(contender.Name, round, await E2eSuite.RunRoundAsync(server, contender, settings, cancellationToken).ConfigureAwait(false));
                }

                recording = SessionRecording.Load(recorded.RecordTo!);
                fileBytes = new FileInfo(recorded.RecordTo!).Length;
                Add(ReplayedStreams.FramesName, round, Replay(ReplayedStreams.Frames, recording, settings.Messages, ReplayedStreams.FramesChecksum(recording, settings.Messages)));
                Add(ReplayedStreams.ChannelName, round, Replay(ReplayedStreams.Channel, recording, settings.Messages, BookBlast.ChangeIdSum(settings.Messages)));
                (string Name, Func<SessionRecording, int, RoundClock, long> Row)[] books =
                    round % 2 == 0
                        ? [(ReplayedStreams.BookName, ReplayedStreams.Book), (ReplayedStreams.BookOnRxSchedulerName, ReplayedStreams.BookOnRxScheduler)]
                        : [(ReplayedStreams.BookOnRxSchedulerName, ReplayedStreams.BookOnRxScheduler), (ReplayedStreams.BookName, ReplayedStreams.Book)];
                foreach (var (name, row) in books)
                {
                    Add(name, round, Replay(row, recording, settings.Messages, BookBlast.ChangeIdSum(settings.Messages)));
                }
                progress.WriteLine(round < 0 ? $"warm-up round {round + settings.WarmupRounds + 1} done" : $"round {round + 1}/{settings.Rounds} done");
            }

            var results = samples.ToDictionary(s => s.Key, s => new ContenderResult(s.Key, "BookUpdate.ChangeId of each update", s.Value.Rate, s.Value.Alloc, s.Value.Cpu));
            var codecs = CodecComparison.Run(recording!);
            return Report(settings, loadBefore, results, live.Name, recorded.Name, (double)fileBytes / settings.Messages, codecs);

            void Add(string name, int round, RoundClock clock)
            {
                if (round >= 0)
                {
                    samples[name].Rate.Add((settings.Messages - 1) / clock.Elapsed.TotalSeconds);
                    samples[name].Alloc.Add((double)clock.Allocated / (settings.Messages - 1));
                    samples[name].Cpu.Add(clock.Cpu.TotalNanoseconds / (settings.Messages - 1));
                }
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static RoundClock Replay(Func<SessionRecording, int, RoundClock, long> row, SessionRecording recording, int messages, long expected)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var clock = new RoundClock();
        var checksum = row(recording, messages, clock);
        return checksum == expected ? clock : throw new InvalidOperationException($"A replay returned checksum {checksum}, not {expected}.");
    }

    private static string Report(
        E2eSettings settings,
        string loadBefore,
        Dictionary<string, ContenderResult> results,
        string live,
        string recorded,
        double fileBytesPerMessage,
        IReadOnlyList<CodecComparison.Row> codecs)
    {
        var replay = results[ReplayedStreams.BookName];
        var text = new StringBuilder();
        text.AppendLine(Invariant($"{settings.Messages:N0} book messages per round, {settings.Rounds} rounds after {settings.WarmupRounds} warm-up; load average {loadBefore} before, {Machine.LoadAverage()} after. The recorded file: {fileBytesPerMessage:0.0} bytes per message."));
        text.AppendLine();
        text.Append(MarkdownTable.Render(
            ["row", "msg/s (median)", "spread", "CPU ns/msg", "alloc B/msg", "vs live"],
            results.Values.Select(r => (IReadOnlyList<string>)
            [
                r.Name,
                Invariant($"{r.MedianMessagesPerSecond:N0}"),
                Invariant($"{r.Spread:P0}"),
                Invariant($"{r.MedianCpuNanosecondsPerMessage:0}"),
                Invariant($"{r.MedianBytesPerMessage:0}"),
                Invariant($"{r.RatioTo(results[live]):0.00}x"),
            ])));
        text.AppendLine();
        text.Append(MarkdownTable.Render(
            ["codec (1 MiB blocks of the recorded round)", "bytes/msg", "compress ns/msg"],
            codecs.Select(c => (IReadOnlyList<string>)[c.Codec, Invariant($"{c.BytesPerMessage:0.0}"), c.NanosecondsPerMessage > 0 ? Invariant($"{c.NanosecondsPerMessage:0}") : "-"])));
        text.AppendLine();
        Floor[] floors =
        [
            new("Replay, typed book, msg/s (millions)", replay.MedianMessagesPerSecond / 1e6, 1.0, AtLeast: true),
            new("Replay / live, typed book, msg/s", replay.RatioTo(results[live]), 1.0, AtLeast: true),
            new("Recorded / live, typed book, msg/s", results[recorded].RatioTo(results[live]), 0.9, AtLeast: true),
        ];
        text.Append(MarkdownTable.Render(
            ["floor", "measured", "required", "met"],
            floors.Select(f => (IReadOnlyList<string>)[f.What, Invariant($"{f.Measured:0.00}"), Invariant($"{(f.AtLeast ? ">=" : "<=")} {f.Required:0.00}"), f.Met ? "yes" : "NO"])));
        return text.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
