using System.Diagnostics;
using System.Globalization;
using WebsockexAdapter.Rx.Recording.Tests.Support;
using WebsockexAdapter.Rx.Simulator;

namespace WebsockexAdapter.Rx.Recording.Tests.Recording;

/// <summary>
/// A process that is recording is killed with SIGKILL (no chance to flush): every frame it had received more than
/// the flush interval before the kill is in the file. The child prints its count after each frame it received; a
/// count read at time t means that frame was recorded before t.
/// </summary>
public sealed class CrashSafetyTest : IAsyncLifetime, IDisposable
{
    /// <summary>
    /// The shared test machine may leave the child without a CPU for a while: what it received just before such a pause
    /// may wait past the interval for its flush. The allowance is for that, not for the recorder.
    /// </summary>
    private static readonly TimeSpan SchedulingAllowance = TimeSpan.FromMilliseconds(100);

    private readonly TempFiles _files = new();
    private DeribitSimulator _simulator = null!;

    public async Task InitializeAsync() => _simulator = await DeribitSimulator.StartAsync(new SimulatorOptions { NotificationInterval = TimeSpan.FromMilliseconds(5) });

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Kill_LosesNothingReceivedMoreThanTheFlushIntervalBeforeIt()
    {
        var path = _files.File();
        // Its own output folder (same configuration as this one), where its dependencies are.
        var child = Path.Combine(
            AppContext.BaseDirectory.Replace("WebsockexAdapter.Rx.Recording.Tests", "WebsockexAdapter.Rx.Recording.KillChild", StringComparison.Ordinal),
            "WebsockexAdapter.Rx.Recording.KillChild.dll");
        using var process = Process.Start(new ProcessStartInfo("dotnet", [child, _simulator.Uri.ToString(), path])
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        })!;
        var seen = new List<(int Count, long ReadAt)>();
        var clock = Stopwatch.StartNew();
        long killedAt = 0;
        try
        {
            // Let it stream for a while: at least 300 frames (about 1.5 s of the book).
            while (seen.Count == 0 || seen[^1].Count < 300)
            {
                var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
                Assert.NotNull(line);
                seen.Add((int.Parse(line, CultureInfo.InvariantCulture), clock.ElapsedTicks));
            }
        }
        finally
        {
            // The bound counts back from the kill itself: the wait for the exit after it can take a while on a busy machine.
            killedAt = clock.ElapsedTicks;
            process.Kill();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        var recording = SessionRecording.Load(path);
        var recorded = recording.Events.Count(e => e.Kind == RecordedEventKind.Received && e.Frame!.Kind == FrameKind.Text);
        var bound = Stopwatch.Frequency * (RecordingOptions.DefaultFlushInterval + SchedulingAllowance).Ticks / TimeSpan.TicksPerSecond;
        var mustHave = seen.Where(s => s.ReadAt < killedAt - bound).Select(s => s.Count).DefaultIfEmpty(0).Max();
        Assert.True(mustHave >= 200, $"only {mustHave} frames were read before the bound");
        Assert.True(recorded >= mustHave, $"{recorded} frames in the file; the child had received {mustHave} more than {bound * 1000 / Stopwatch.Frequency} ms before the kill");
    }
}
