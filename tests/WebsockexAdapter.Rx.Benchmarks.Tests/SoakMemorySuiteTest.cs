using WebsockexAdapter.Rx.Benchmarks.Soak;

namespace WebsockexAdapter.Rx.Benchmarks.Tests;

public sealed class SoakMemorySuiteTest
{
    [Fact]
    public async Task QuickRun_CyclesThroughOneClientAndProbesEveryIdleKind()
    {
        var settings = SoakSettings.Quick;

        var report = await SoakMemorySuite.RunAsync(settings, TextWriter.Null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(90));

        Assert.True(report.Cycles.Connections >= settings.Cycles, $"{report.Cycles.Connections} connections for {settings.Cycles} cycles");
        Assert.True(report.Cycles.Before.HeapBytes > 0 && report.Cycles.After.HeapBytes > 0);
        Assert.True(report.Cycles.Before.OpenFiles > 0 && report.Cycles.After.OpenFiles > 0);
        Assert.True(report.AdapterCycles.Connections >= settings.AdapterCycles, $"{report.AdapterCycles.Connections} sessions for {settings.AdapterCycles} cycles");
        Assert.True(report.AdapterCycles.Before.OpenSockets > 0 && report.AdapterCycles.After.HeapBytes > 0);
        Assert.Equal(2, report.Floors.Count);
        Assert.Equal(IdleConnectionKind.All.Select(k => k.Name), report.Idle.Select(r => r.Kind));
        Assert.All(report.Idle, r =>
        {
            Assert.Equal(settings.IdleConnections, r.Connections);
            Assert.True(r.FilesPerConnection >= 1, $"{r.Kind}: {r.FilesPerConnection} file descriptors per open connection");
            Assert.True(double.IsFinite(r.HeapPerConnection) && double.IsFinite(r.WorkingSetPerConnection));
        });
        Assert.Contains("connect/drop cycles", report.ToMarkdown(), StringComparison.Ordinal);
    }
}
