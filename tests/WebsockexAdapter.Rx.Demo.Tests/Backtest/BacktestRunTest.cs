using WebsockexAdapter.Rx.Demo.Tests.Support;

namespace WebsockexAdapter.Rx.Demo.Tests.Backtest;

/// <summary>
/// The README's backtest: the demo records a session, then replays it through a strategy twice. (That reconnects replay
/// as reconnects is proven in the Recording tests, where the fault's timing is the test's.)
/// </summary>
public sealed class BacktestRunTest : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "wxrec-demo-tests", Guid.NewGuid().ToString("N"));

    public BacktestRunTest() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task ARecordedDemo_BacktestsDeterministically()
    {
        var file = Path.Combine(_folder, "demo.wxrec");
        var live = await DemoHarness.RunAsync(["--duration", "6", "--fault-every", "1.5", "--record", file]);
        Assert.Equal(0, live.ExitCode);
        Assert.Contains($"Recorded to {file}", live.Output, StringComparison.Ordinal);

        var backtest = await DemoHarness.RunAsync(["--backtest", file]);

        Assert.True(backtest.ExitCode == 0, backtest.Output + backtest.Error);
        Assert.Contains("Deterministic: a second replay gave the same", backtest.Output, StringComparison.Ordinal);
        Assert.Contains(" mid ", backtest.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileThatIsNotARecording_IsExitCode7WithTheOffset()
    {
        var file = Path.Combine(_folder, "notes.txt");
        await File.WriteAllTextAsync(file, "not a recording");

        var result = await DemoHarness.RunAsync(["--backtest", file]);

        Assert.Equal(7, result.ExitCode);
        Assert.StartsWith($"error: {file}: This is not a recording", result.Error, StringComparison.Ordinal);
    }
}
