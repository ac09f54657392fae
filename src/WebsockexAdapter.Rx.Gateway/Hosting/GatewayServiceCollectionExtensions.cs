using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WebsockexAdapter.Rx.Deribit;
using WebsockexAdapter.Rx.Gateway;

// In the DI namespace, as ASP.NET Core's own Add* methods are.
#pragma warning disable IDE0130 // Namespace does not match folder structure: see above.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers a <see cref="MarketDataGateway"/> as a hosted service.</summary>
public static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="MarketDataGateway"/> over the container's <see cref="DeribitAdapter"/> (register it with
    /// <c>AddDeribitAdapter</c>) and runs it as a hosted service. When the options leave the logger factory unset, the
    /// container's logging is used.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The options builder.</returns>
    public static OptionsBuilder<GatewayOptions> AddMarketDataGateway(this IServiceCollection services, Action<GatewayOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<GatewayOptions>>().Value.Copy();
            if (options.LoggerFactory is NullLoggerFactory && provider.GetService<ILoggerFactory>() is { } logging)
            {
                options.LoggerFactory = logging;
            }

            return new MarketDataGateway(provider.GetRequiredService<DeribitAdapter>(), options);
        });
        services.AddHostedService<GatewayHostedService>();
        return services.AddOptions<GatewayOptions>().Configure(configure);
    }
}
