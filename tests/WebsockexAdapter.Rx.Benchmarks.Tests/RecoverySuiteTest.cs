using WebsockexAdapter.Rx.Benchmarks.Recovery;

namespace WebsockexAdapter.Rx.Benchmarks.Tests;

public sealed class RecoverySuiteTest
{
    [Fact]
    public async Task QuickRun_KillsEachRowsConnectionsAndTimesEveryRecovery()
    {
        var settings = RecoverySettings.Quick;

        var report = await RecoverySuite.RunAsync(settings, TextWriter.Null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(90));

        Assert.Equal(settings.ChannelCounts, report.Results.Select(r => r.Channels));
        Assert.All(report.Results, r =>
        {
            Assert.Equal(settings.Kills, r.Recoveries.Count);
            Assert.All(r.Recoveries, recovery => Assert.True(recovery > TimeSpan.Zero, $"{r.Channels} channels: recovery of {recovery}"));
            Assert.Equal(settings.Kills, r.Reconnects);
        });
        Assert.Equal(2, report.Floors.Count);
        Assert.Contains("| 100 ", report.ToMarkdown(), StringComparison.Ordinal);
    }
}
