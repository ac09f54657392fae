using System.Globalization;
using System.Text;
using WebsockexAdapter.Rx.Benchmarks.EndToEnd;
using WebsockexAdapter.Rx.Benchmarks.EndToEnd.Contenders;
using WebsockexAdapter.Rx.Benchmarks.Loopback;
using WebsockexAdapter.Rx.Benchmarks.Reporting;
using WebsockexAdapter.Rx.Recording;

namespace WebsockexAdapter.Rx.Benchmarks.Recording;

/// <summary>
/// Recording and replay side by side in one run, over the e2e book blast: the adapter's typed book live and the same
/// live with the session recorded (with the default codec, and with the other one), twice a round in alternating order
/// (the recording's cost is a few percent, so it gets twice the samples), then replays of the round just recorded;
/// then the codecs the format could use, over that recording, and the recorder's own cost, part by part. Floors from issue 16: recording costs at most 10 % of live throughput, and the replay reaches 1 M msg/s
/// and the live rate.
/// </summary>
internal static class RecordingSuite
{
    private const string Touches = "BookUpdate.ChangeId of each update";

    public static Task<string> RunAsync(E2eSettings settings, TextWriter progress, CancellationToken cancellationToken) =>
        RunAsync(settings, only: null, progress, cancellationToken);

    /// <summary>
    /// Runs the suite; with <paramref name="only"/>, just the rows named by one of its strings (the live
    /// recorded round runs once first if a replay needs a recording), and reports those rows without codecs or floors:
    /// the way to attach a profiler to one path.
    /// </summary>
    public static async Task<string> RunAsync(E2eSettings settings, IReadOnlyList<string>? only, TextWriter progress, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("wxrec-bench");
        try
        {
            await using var server = LoopbackServer.Start();
            var live = new DeribitTypedBook();
            var recorded = new DeribitTypedBook(recordTo: Path.Combine(folder.FullName, "round.wxrec"));
            var otherCodec = RecordingOptions.DefaultCodec == RecordingCodec.Lz4 ? RecordingCodec.Zstandard : RecordingCodec.Lz4;
            var recordedOther = new DeribitTypedBook(Path.Combine(folder.FullName, "other.wxrec"), new RecordingOptions { Codec = otherCodec });
            string[] names = [live.Name, recorded.Name, recordedOther.Name, ReplayedStreams.FramesName, ReplayedStreams.ChannelName, ReplayedStreams.BookName, ReplayedStreams.BookOnRxSchedulerName];
            // A row's whole name picks that row alone (names are prefixes of others); any other string, every row containing it.
            bool Chosen(string name) => only is null || only.Any(o => names.Contains(o, StringComparer.OrdinalIgnoreCase)
                ? name.Equals(o, StringComparison.OrdinalIgnoreCase)
                : name.Contains(o, StringComparison.OrdinalIgnoreCase));
            if (!names.Any(Chosen))
            {
                throw new ArgumentException($"No row's name contains any of: {string.Join(", ", only!)}.", nameof(only));
            }

            var rows = names.Where(Chosen).ToDictionary(n => n, n => new RowSamples(n));
            var needsRecording = only is null || names.Skip(3).Any(Chosen);
            var loadBefore = Machine.LoadAverage();
            SessionRecording? recording = null;
            long fileBytes = 0;
            for (var round = -settings.WarmupRounds; round < settings.Rounds; round++)
            {
                Contender[][] pairs = [[live, recorded, recordedOther], [recordedOther, recorded, live]];
                foreach (var contender in pairs.SelectMany(static p => p))
                {
                    if (Chosen(contender.Name) || (contender == recorded && needsRecording && fileBytes == 0))
                    {
                        Add(contender.Name, round, await E2eSuite.RunRoundAsync(server, contender, settings, cancellationToken).ConfigureAwait(false));
                        fileBytes = contender == recorded ? new FileInfo(recorded.RecordTo!).Length : fileBytes;
                    }
                }

                if (!needsRecording)
                {
                    progress.WriteLine(round < 0 ? $"warm-up round {round + settings.WarmupRounds + 1} done" : $"round {round + 1}/{settings.Rounds} done");
                    continue;
                }

                recording = SessionRecording.Load(recorded.RecordTo!);
                var changeIds = BookBlast.ChangeIdSum(settings.Messages);
                (string Name, Func<SessionRecording, int, RoundClock, long> Row)[] books =
                    round % 2 == 0
                        ? [(ReplayedStreams.BookName, ReplayedStreams.Book), (ReplayedStreams.BookOnRxSchedulerName, ReplayedStreams.BookOnRxScheduler)]
                        : [(ReplayedStreams.BookOnRxSchedulerName, ReplayedStreams.BookOnRxScheduler), (ReplayedStreams.BookName, ReplayedStreams.Book)];
                (string Name, Func<SessionRecording, int, RoundClock, long> Row, long Expected)[] replays =
                [
                    (ReplayedStreams.FramesName, ReplayedStreams.Frames, ReplayedStreams.FramesChecksum(recording, settings.Messages)),
                    (ReplayedStreams.ChannelName, ReplayedStreams.Channel, changeIds),
                    .. books.Select(b => (b.Name, b.Row, changeIds)),
                ];
                foreach (var (name, row, expected) in replays.Where(r => Chosen(r.Name)))
                {
                    Add(name, round, Replay(row, recording, settings.Messages, expected));
                }

                progress.WriteLine(round < 0 ? $"warm-up round {round + settings.WarmupRounds + 1} done" : $"round {round + 1}/{settings.Rounds} done");
            }

            if (only is not null)
            {
                return Invariant($"{settings.Messages:N0} book messages per round, {settings.Rounds} rounds after {settings.WarmupRounds} warm-up; load average {loadBefore} before, {Machine.LoadAverage()} after.") + Environment.NewLine + Environment.NewLine + RowsTable(rows.Values, vsLive: null);
            }

            var codecs = CodecComparison.Run(recording!);
            var costs = RecorderCost.Run(recording!, folder.FullName);
            return Report(settings, loadBefore, rows, live.Name, recorded.Name, (double)fileBytes / settings.Messages, codecs, costs);

            void Add(string name, int round, RoundClock clock)
            {
                var per = settings.Messages - 1;
                var (rate, alloc, cpu) = (per / clock.Elapsed.TotalSeconds, (double)clock.Allocated / per, clock.Cpu.TotalNanoseconds / per);
                progress.WriteLine(Invariant($"{(round < 0 ? "warm-up" : $"round {round + 1}")}  {name}: {rate:N0} msg/s, {cpu:0} CPU ns/msg, {alloc:0} B/msg"));
                if (round >= 0 && rows.TryGetValue(name, out var samples))
                {
                    samples.Add(round, rate, alloc, cpu);
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
        Dictionary<string, RowSamples> rows,
        string live,
        string recorded,
        double fileBytesPerMessage,
        IReadOnlyList<CodecComparison.Row> codecs,
        IReadOnlyList<RecorderCost.Row> costs)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"{settings.Messages:N0} book messages per round, {settings.Rounds} rounds after {settings.WarmupRounds} warm-up (the live rows twice a round); load average {loadBefore} before, {Machine.LoadAverage()} after. The recorded file ({RecordingOptions.DefaultCodec}, the default codec): {fileBytesPerMessage:0.0} bytes per message."));
        text.AppendLine();
        text.Append(RowsTable(rows.Values, rows[live]));
        text.AppendLine();
        text.Append(CodecComparison.Table(codecs));
        text.AppendLine();
        text.Append(MarkdownTable.Render(
            ["the recorder's cost, one thread (its least CPU time in 5 passes)", "ns/msg"],
            costs.Select(c => (IReadOnlyList<string>)[c.Part, Invariant($"{c.NanosecondsPerMessage:0}")])));
        text.AppendLine();
        var replay = rows[ReplayedStreams.BookName];
        Floor[] floors =
        [
            new("Replay, typed book, msg/s (millions)", replay.Median(static s => s.Rate) / 1e6, 1.0, AtLeast: true),
            new("Replay / live, typed book, msg/s", replay.RatioTo(rows[live], static s => s.Rate), 1.0, AtLeast: true),
            new("Recorded / live, typed book, msg/s", rows[recorded].RatioTo(rows[live], static s => s.Rate), 0.9, AtLeast: true),
        ];
        text.Append(MarkdownTable.Render(
            ["floor", "measured", "required", "met"],
            floors.Select(f => (IReadOnlyList<string>)[f.What, Invariant($"{f.Measured:0.00}"), Invariant($"{(f.AtLeast ? ">=" : "<=")} {f.Required:0.00}"), f.Met ? "yes" : "NO"])));
        text.AppendLine();

        // The floor is throughput, which only the receive loop's share limits; the CPU of every thread says what recording costs in all.
        text.AppendLine(Invariant($"Recording's CPU, all threads: {rows[recorded].Median(static s => s.Cpu):0} against {rows[live].Median(static s => s.Cpu):0} ns per message live (x{rows[recorded].RatioTo(rows[live], static s => s.Cpu):0.00}, the median of the rounds' ratios)."));
        return text.ToString();
    }

    private static string RowsTable(IEnumerable<RowSamples> rows, RowSamples? vsLive) => MarkdownTable.Render(
        ["row", "msg/s (median)", "spread", "CPU ns/msg", "alloc B/msg", .. vsLive is null ? Array.Empty<string>() : ["vs live"]],
        rows.Select(r => (IReadOnlyList<string>)
        [
            r.Name,
            Invariant($"{r.Median(static s => s.Rate):N0}"),
            Invariant($"{r.Spread:P0}"),
            Invariant($"{r.Median(static s => s.Cpu):0}"),
            Invariant($"{r.Median(static s => s.Alloc):0}"),
            .. vsLive is null ? Array.Empty<string>() : [Invariant($"{r.RatioTo(vsLive, static s => s.Rate):0.00}x")],
        ]));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>One row's measured rounds (a row may run more than once a round).</summary>
    private sealed class RowSamples(string name)
    {
        private readonly List<Sample> _samples = [];

        public string Name { get; } = name;

        /// <summary>(max - min) / median of the rates: how noisy the rounds were.</summary>
        public double Spread => (_samples.Max(static s => s.Rate) - _samples.Min(static s => s.Rate)) / Median(static s => s.Rate);

        public void Add(int round, double rate, double alloc, double cpu) => _samples.Add(new(round, rate, alloc, cpu));

        public double Median(Func<Sample, double> figure) => MedianOf(_samples.Select(figure));

        /// <summary>
        /// The median over rounds of this row's mean <paramref name="figure"/> in a round divided by
        /// <paramref name="other"/>'s in the same round: a burst of load elsewhere falls on both sides of each ratio.
        /// </summary>
        public double RatioTo(RowSamples other, Func<Sample, double> figure) => MedianOf(
            from mine in _samples.GroupBy(static s => s.Round)
            join theirs in other._samples.GroupBy(static s => s.Round) on mine.Key equals theirs.Key
            select mine.Average(figure) / theirs.Average(figure));

        private static double MedianOf(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        }
    }

    private readonly record struct Sample(int Round, double Rate, double Alloc, double Cpu);
}
