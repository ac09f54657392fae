using WebsockexAdapter.Rx.Benchmarks.EndToEnd;
using WebsockexAdapter.Rx.Benchmarks.Recording;

namespace WebsockexAdapter.Rx.Benchmarks.Tests;

public sealed class RecordingSuiteTest
{
    [Fact]
    public async Task QuickRun_ReportsLiveRecordedInEachCodecAndEachReplayedLayer_TheCodecsTheRecordersPartsAndTheFloors()
    {
        var report = await RecordingSuite.RunAsync(E2eSettings.Quick, TextWriter.Null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(90));

        Assert.Contains("| DeribitAdapter.SubscribeBook (typed), recorded ", report, StringComparison.Ordinal);
        Assert.Contains("| DeribitAdapter.SubscribeBook (typed), recorded (Lz4) ", report, StringComparison.Ordinal);
        Assert.Contains("| WebSocketClient.Frames, payload, replayed ", report, StringComparison.Ordinal);
        Assert.Contains("| DeribitAdapter.Subscribe (JsonElement), replayed ", report, StringComparison.Ordinal);
        Assert.Contains("| DeribitAdapter.SubscribeBook (typed), replayed ", report, StringComparison.Ordinal);
        Assert.Contains("| Zstandard 1 ", report, StringComparison.Ordinal);
        Assert.Contains("| LZ4 fast ", report, StringComparison.Ordinal);
        Assert.Contains("| whole recorder, Lz4 ", report, StringComparison.Ordinal);
        Assert.Contains("| whole recorder, Zstandard ", report, StringComparison.Ordinal);
        Assert.Contains("| Recorded / live, typed book, msg/s ", report, StringComparison.Ordinal);
    }
}
