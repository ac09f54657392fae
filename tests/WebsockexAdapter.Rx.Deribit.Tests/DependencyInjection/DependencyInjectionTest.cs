using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WebsockexAdapter.Rx.Deribit.Tests.DependencyInjection;

public sealed class DependencyInjectionTest
{
    [Fact]
    public void AddDeribitAdapter_RegistersOneAdapterWithTheConfiguredOptionsAndTheContainersLogging()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddDeribitAdapter(o =>
        {
            o.Url = new Uri("ws://127.0.0.1:9/ws/api/v2");
            o.HeartbeatInterval = TimeSpan.FromSeconds(15);
        });
        using var provider = services.BuildServiceProvider();

        var adapter = provider.GetRequiredService<DeribitAdapter>();

        Assert.Same(adapter, provider.GetRequiredService<DeribitAdapter>());
        Assert.Equal(TimeSpan.FromSeconds(15), adapter.Options.HeartbeatInterval);
        Assert.Same(provider.GetRequiredService<ILoggerFactory>(), adapter.Options.LoggerFactory);
    }

    [Fact]
    public void AddDeribitAdapter_InvalidOptions_FailWhenResolvedListingEveryProblem()
    {
        var services = new ServiceCollection();
        services.AddDeribitAdapter(o =>
        {
            o.HeartbeatInterval = TimeSpan.Zero;
            o.RequestTimeout = TimeSpan.Zero;
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(provider.GetRequiredService<DeribitAdapter>);

        Assert.Equal(2, error.Failures.Count());
    }
}
