using System.Diagnostics;
using System.Globalization;
using WebsockexAdapter.Rx.Demo.Cli;
using WebsockexAdapter.Rx.Demo.Run;
using WebsockexAdapter.Rx.Demo.View;
using WebsockexAdapter.Rx.Deribit;
using WebsockexAdapter.Rx.Recording;

namespace WebsockexAdapter.Rx.Demo.Backtest;

/// <summary>
/// <c>--backtest [FILE]</c>: records a session with the simulator first when no file is given (the live view runs while
/// it records), then replays the recording through <see cref="BacktestStrategy"/> on its recorded time, twice, prints
/// the strategy's output and says whether both replays agreed. Exit code 0 only if they did.
/// </summary>
internal static class BacktestRunner
{
    public const string DefaultFile = "backtest.wxrec";

    public static async Task<int> RunAsync(DemoSettings settings, DemoConsole console, CancellationToken stop)
    {
        var file = settings.BacktestFile;
        if (file is null)
        {
            file = DefaultFile;
            await console.Out.WriteLineAsync($"Recording {settings.Duration.TotalSeconds:0} s of the simulator (faults included) to {file}...");
            using var runner = new DemoRunner(settings with { Backtest = false, RecordTo = file });
            _ = console.Interactive
                ? await LiveView.RunAsync(runner, console.Out, stop)
                : await PlainView.RunAsync(runner, console.Out, stop);
        }

        SessionRecording recording;
        try
        {
            recording = SessionRecording.Load(file);
        }
        catch (Exception error) when (error is RecordingFormatException or IOException or UnauthorizedAccessException)
        {
            throw new DemoException(DemoError.BadRecording, error.Message, error);
        }

        var first = Replay(settings, recording);
        var second = Replay(settings, recording);
        var frames = recording.Events.Count(static e => e.Kind == RecordedEventKind.Received);
        var span = recording.End - recording.Start;
        var output = console.Out;
        await output.WriteLineAsync();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Backtest of {file}: {frames:N0} frames, {recording.ConnectionCount} connection attempts, {span.TotalSeconds:0.0} s of recorded time, replayed in {first.Took.TotalMilliseconds:0} ms{(recording.TornTail is null ? string.Empty : " (a torn tail was left out)")}."));
        foreach (var line in first.Lines)
        {
            await output.WriteLineAsync(line);
        }

        var same = first.Lines.SequenceEqual(second.Lines);
        await output.WriteLineAsync(same
            ? $"Deterministic: a second replay gave the same {first.Lines.Count} lines."
            : "NOT deterministic: the second replay differed.");
        return same && first.Lines.Count > 0 ? 0 : 1;
    }

    private static (List<string> Lines, TimeSpan Took) Replay(DemoSettings settings, SessionRecording recording)
    {
        var recordedUrl = recording.Events.FirstOrDefault(static e => e.Kind == RecordedEventKind.ConnectStarted)?.Detail;
        var url = Uri.TryCreate(recordedUrl, UriKind.Absolute, out var parsed) ? parsed : DeribitOptions.TestNetUrl;
        var options = DemoAdapterOptions.For(settings, url, settings.UsesSimulator);
        var replay = options.ReplayFrom(recording);
        var lines = new List<string>();
        using var adapter = new DeribitAdapter(options);
        using var strategy = BacktestStrategy.Run(adapter, replay.Scheduler, settings.Instrument, settings.Trades)
            .Subscribe(lines.Add, error => lines.Add($"the strategy stopped: {error.Message}"));
        var watch = Stopwatch.StartNew();
        replay.Run();
        return (lines, watch.Elapsed);
    }
}
