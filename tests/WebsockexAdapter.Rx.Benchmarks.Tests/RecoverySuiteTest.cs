using WebsockexAdapter.Rx.Benchmarks.Recovery;

namespace WebsockexAdapter.Rx.Benchmarks.Tests;

public sealed class RecoverySuiteTest
{
    [Fact]
    public async Task QuickRun_KillsEachRowsConnectionsAndTimesEveryRecovery()
    {
        var settings = RecoverySettings.Quick;

        var report = await RecoverySuite.RunAsync(settings, TextWriter.Null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(150));

        Assert.Equal([.. settings.ChannelCounts, settings.DefaultOptionsChannels], report.Results.Select(r => r.Channels));
        Assert.Equal([false, false, false, true], report.Results.Select(r => r.DefaultOptions));
        Assert.All(report.Results, r =>
        {
            var kills = r.DefaultOptions ? settings.DefaultOptionsKills : settings.Kills;
            Assert.Equal(kills, r.Recoveries.Count);
            Assert.All(r.Recoveries, recovery => Assert.True(recovery > TimeSpan.Zero, $"{r.Channels} channels: recovery of {recovery}"));
            Assert.Equal(kills, r.Reconnects);
        });
        Assert.Equal(3, report.Floors.Count);
        Assert.Contains("| 100 ", report.ToMarkdown(), StringComparison.Ordinal);
        Assert.Contains("| 10, default options ", report.ToMarkdown(), StringComparison.Ordinal);
    }
}
