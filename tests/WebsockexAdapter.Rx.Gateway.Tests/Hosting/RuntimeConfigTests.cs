using System.Text.Json;

namespace WebsockexAdapter.Rx.Gateway.Tests.Hosting;

/// <summary>The runnable gateway's runtime options, which the gateway benchmark's process mirrors.</summary>
public sealed class RuntimeConfigTests
{
    [Fact]
    public void TheRunnableGateway_RunsAThreadPoolWhoseIdleWorkersDoNotSpin()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "WebsockexAdapter.Rx.Gateway.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));

        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.Equal(0, properties.GetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").GetInt32());
    }
}
