using WebsockexAdapter.Rx.Benchmarks.Gateway;

namespace WebsockexAdapter.Rx.Benchmarks.Tests;

/// <summary>Needs nats-server (CI installs it); without it the suite throws, so this never passes without a server.</summary>
public sealed class GatewaySuiteTest
{
    [Fact]
    public async Task QuickRun_EveryConsumerProcessGetsEveryChange_BesideADirectAdapter()
    {
        var settings = GatewaySettings.Quick;

        var report = await GatewaySuite.RunAsync(settings, TextWriter.Null, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(4));

        Assert.Equal(settings.ConsumerCounts, report.Paced.Select(r => r.Consumers));
        Assert.Equal([0, .. settings.ConsumerCounts], report.Blast.Select(r => r.Consumers));
        Assert.All(report.Paced, row =>
        {
            Assert.Equal(settings.PacedMessages - 1, row.Direct?.Changes);
            Assert.Equal(row.Consumers, row.Gateway.Count);
            Assert.All(row.Gateway, c => Assert.Equal(settings.PacedMessages - 1, c.Changes));
            Assert.All(row.Gateway, c => Assert.InRange(c.P50, 1, 1_000_000));
            Assert.True(row.Published >= row.Sent, $"published {row.Published} of {row.Sent}");
        });
        Assert.All(report.Blast.Where(r => r.Consumers > 0), row => Assert.All(row.Gateway, c => Assert.True(c.Changes > 0 && c.MessagesPerSecond > 0, $"{c}")));
        Assert.Empty(report.Floors);
        Assert.Contains("| direct adapter", report.ToMarkdown(), StringComparison.Ordinal);
    }
}
