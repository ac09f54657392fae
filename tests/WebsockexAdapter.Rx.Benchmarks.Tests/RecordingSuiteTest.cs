using WebsockexAdapter.Rx.Benchmarks.EndToEnd;
using WebsockexAdapter.Rx.Benchmarks.Recording;

namespace WebsockexAdapter.Rx.Benchmarks.Tests;

public sealed class RecordingSuiteTest
{
    [Fact]
    public async Task QuickRun_ReportsLiveRecordedAndEachReplayedLayer_TheCodecsAndTheFloors()
    {
        var report = await RecordingSuite.RunAsync(E2eSettings.Quick, TextWriter.Null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(90));

        Assert.Contains("| DeribitAdapter.SubscribeBook (typed), recorded ", report, StringComparison.Ordinal);
        Assert.Contains("| WebSocketClient.Frames, payload, replayed ", report, StringComparison.Ordinal);
        Assert.Contains("| DeribitAdapter.Subscribe (JsonElement), replayed ", report, StringComparison.Ordinal);
        Assert.Contains("| DeribitAdapter.SubscribeBook (typed), replayed ", report, StringComparison.Ordinal);
        Assert.Contains("| Zstandard 1 (the format's) ", report, StringComparison.Ordinal);
        Assert.Contains("| Recorded / live, typed book, msg/s ", report, StringComparison.Ordinal);
    }
}
