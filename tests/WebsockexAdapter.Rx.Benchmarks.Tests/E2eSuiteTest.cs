using WebsockexAdapter.Rx.Benchmarks.EndToEnd;

namespace WebsockexAdapter.Rx.Benchmarks.Tests;

public sealed class E2eSuiteTest
{
    [Fact]
    public async Task QuickRun_EveryContenderReceivesEveryMessageAndGetsNumbers()
    {
        var settings = E2eSettings.Quick;

        var report = await E2eSuite.RunAsync(settings, TextWriter.Null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(90));

        Assert.Equal(E2eSuite.Contenders.Select(c => c.Name), report.Results.Select(r => r.Name));
        Assert.All(report.Results, r =>
        {
            Assert.Equal(settings.Rounds, r.MessagesPerSecond.Count);
            Assert.All(r.MessagesPerSecond, rate => Assert.True(rate > 0 && double.IsFinite(rate), $"{r.Name}: rate {rate}"));
            Assert.All(r.BytesPerMessage, bytes => Assert.True(bytes >= 0, $"{r.Name}: {bytes} bytes per message"));
        });
        Assert.Equal(16, report.Floors.Count);
        Assert.All(report.Floors, f => Assert.True(double.IsFinite(f.Measured) && f.Measured > 0, $"{f.What}: {f.Measured}"));
        Assert.InRange(report.PayloadBytesPerMessage, 200, 300);
        Assert.Contains("| Websocket.Client 5.5.1 MessageReceived", report.ToMarkdown(), StringComparison.Ordinal);
    }
}
