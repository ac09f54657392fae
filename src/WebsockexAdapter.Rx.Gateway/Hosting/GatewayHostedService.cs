using Microsoft.Extensions.Hosting;

namespace WebsockexAdapter.Rx.Gateway;

/// <summary>Runs a <see cref="MarketDataGateway"/> for the life of a host.</summary>
/// <param name="gateway">The gateway.</param>
internal sealed class GatewayHostedService(MarketDataGateway gateway) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => gateway.RunAsync(stoppingToken);
}
