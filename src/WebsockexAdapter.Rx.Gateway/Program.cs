using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WebsockexAdapter.Rx.Deribit;
using WebsockexAdapter.Rx.Gateway;
using WebsockexAdapter.Rx.Gateway.Cli;
using WebsockexAdapter.Rx.Simulator;

GatewayArguments arguments;
try
{
    arguments = GatewayArguments.Parse(args);
}
catch (ArgumentException error)
{
    await Console.Error.WriteLineAsync($"{error.Message}\n\n{GatewayArguments.Usage}");
    return 2;
}

if (arguments.ShowHelp)
{
    Console.WriteLine(GatewayArguments.Usage);
    return 0;
}

// Without --url the gateway shares a session of the embedded simulator: a demo and test set-up with no account.
await using var simulator = arguments.ExchangeUrl is null
    ? await DeribitSimulator.StartAsync(new SimulatorOptions { MinHeartbeatInterval = TimeSpan.FromSeconds(1) })
    : null;

var builder = Host.CreateApplicationBuilder();
builder.Services.AddDeribitAdapter(options =>
{
    options.Url = arguments.ExchangeUrl ?? simulator!.Uri;
    if (simulator is not null)
    {
        options.HeartbeatInterval = TimeSpan.FromSeconds(1);
    }
    else if (Environment.GetEnvironmentVariable("DERIBIT_CLIENT_ID") is { Length: > 0 } id
        && Environment.GetEnvironmentVariable("DERIBIT_CLIENT_SECRET") is { Length: > 0 } secret)
    {
        options.Credentials = new DeribitCredentials { ClientId = id, ClientSecret = secret };
    }
});
builder.Services.AddMarketDataGateway(options =>
{
    options.NatsUrl = arguments.NatsUrl;
    options.SubjectPrefix = arguments.Prefix;
    options.LeaseTimeout = arguments.Lease;
    options.LeaderTtl = arguments.LeaderTtl;
}).ValidateOnStart();

using var host = builder.Build();
await host.RunAsync();
return 0;
