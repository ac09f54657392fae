using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WebsockexAdapter.Rx.Deribit;

// In the DI namespace, as ASP.NET Core's own Add* methods are, so `services.AddDeribitAdapter` needs no extra using.
#pragma warning disable IDE0130 // Namespace does not match folder structure: see above.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers a <see cref="DeribitAdapter"/> for hosted applications.</summary>
public static class DeribitServiceCollectionExtensions
{
    /// <summary>
    /// Registers one shared <see cref="DeribitAdapter"/> built from <see cref="DeribitOptions"/> (Options pattern,
    /// validated when the adapter is first resolved, or at start-up with <c>ValidateOnStart</c>). When the options leave
    /// <see cref="DeribitOptions.LoggerFactory"/> unset, the container's logging is used.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The options builder, for further configuration (e.g. <c>.BindConfiguration("Deribit")</c>, <c>.ValidateOnStart()</c>).</returns>
    public static OptionsBuilder<DeribitOptions> AddDeribitAdapter(this IServiceCollection services, Action<DeribitOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DeribitOptions>, DeribitOptionsValidator>());
        services.TryAddSingleton(provider =>
        {
            // A copy, so the registered options stay as configured.
            var options = provider.GetRequiredService<IOptions<DeribitOptions>>().Value.Copy();
            if (options.LoggerFactory is NullLoggerFactory && provider.GetService<ILoggerFactory>() is { } logging)
            {
                options.LoggerFactory = logging;
            }

            return new DeribitAdapter(options);
        });
        return services.AddOptions<DeribitOptions>().Configure(configure);
    }
}
