using WebsockexAdapter.Rx.Demo.Tests.Support;

namespace WebsockexAdapter.Rx.Demo.Tests.Gateway;

/// <summary>
/// The README's <c>--gateway</c> run: nats-server, a gateway and three strategy hosts on one machine. It needs the
/// nats-server binary (CI installs it); without one the demo exits 8, and this test fails rather than skips.
/// </summary>
public sealed class GatewayDemoTest
{
    [Fact]
    public async Task GatewayRun_EveryHostSeesTheExchangeDrop_AndEndsWithTheLocalBook()
    {
        var result = await DemoHarness.RunAsync(["--gateway", "--duration", "6", "--fault-every", "2.5"]);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("fault 1: the exchange dropped the gateway's connection", result.Output, StringComparison.Ordinal);
        Assert.Equal(3, result.Output.Split('\n').Count(line => line.Contains("saw each of the 1 drops as a reset and a new epoch; live at the end", StringComparison.Ordinal)));
        Assert.Contains("every host's book equals the local adapter's at change", result.Output, StringComparison.Ordinal);
    }
}
