using WebsockexAdapter.Rx.Deribit;
using WebsockexAdapter.Rx.Demo.Cli;
using WebsockexAdapter.Rx.Demo.Report;
using WebsockexAdapter.Rx.Demo.Run;

namespace WebsockexAdapter.Rx.Demo.Tests.Report;

public sealed class ReportWriterTest
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G'];

    private static readonly DemoSummary Run = new()
    {
        Target = "sim <local>",
        Elapsed = TimeSpan.FromSeconds(4),
        Faults = [new FaultRecord(1, FaultKind.Drop, "reset", TimeSpan.FromSeconds(1), 1) { DetectedAs = "ConnectionLostException", RecoveredAt = TimeSpan.FromSeconds(1.5), EpochAfter = 2 }],
        Reconnects = 1,
        FinalEpoch = 2,
        FinalStatus = AdapterStatus.Live,
        Channels = [new ChannelStats("ticker.BTC-PERPETUAL.100ms", 30, 10, 2)],
        Timeline = new TimelineData(
            Timeline.Bucket,
            new Dictionary<string, IReadOnlyList<int>> { ["ticker.BTC-PERPETUAL.100ms"] = [5, 5, 0, 5, 5, 5, 5, 5] },
            [new TimelineState(TimeSpan.FromSeconds(1), AdapterStatus.Reconnecting, 1), new TimelineState(TimeSpan.FromSeconds(1.5), AdapterStatus.Live, 2)]),
        Orders = [],
        Problems = [],
    };

    [Theory]
    [InlineData("run.html", "Html")]
    [InlineData("RUN.HTM", "Html")]
    [InlineData("run.png", "Png")]
    [InlineData("run.txt", null)]
    [InlineData("run", null)]
    public void FormatOf_IsToldByTheExtension(string path, string? expected) =>
        Assert.Equal(expected, ReportWriter.FormatOf(path)?.ToString());

    [Fact]
    public void ReportOption_TakesAnHtmlOrPngFile_AndRefusesAnythingElse()
    {
        Assert.Equal("out.html", ArgumentParser.Parse(["--report", "out.html"], _ => null).Report);
        var refused = Assert.Throws<DemoException>(() => ArgumentParser.Parse(["--report", "out.pdf"], _ => null));
        Assert.Equal(DemoError.Usage, refused.Error);
    }

    [Fact]
    public void Chart_IsAPng()
    {
        var png = TimelineChart.Png(Run);

        Assert.Equal(PngSignature, png[..4]);
        Assert.True(png.Length > 10_000, $"a {png.Length}-byte PNG is too small to hold the chart");
    }

    [Fact]
    public void Html_HoldsTheChartInline_EachFaultWithItsRecovery_AndEncodesText()
    {
        var html = ReportWriter.Html(Run, TimelineChart.Png(Run));

        Assert.Contains("<img src=\"data:image/png;base64,iVBORw0KGgo", html, StringComparison.Ordinal);
        Assert.Contains("<td>Drop (reset)</td><td>1.00 s</td><td>ConnectionLostException</td><td>2</td><td>0.50 s</td>", html, StringComparison.Ordinal);
        Assert.Contains("sim &lt;local&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("sim <local>", html, StringComparison.Ordinal);
    }
}
