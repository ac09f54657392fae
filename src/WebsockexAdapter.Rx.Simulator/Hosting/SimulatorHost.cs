using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WebsockexAdapter.Rx.Simulator.Control;

namespace WebsockexAdapter.Rx.Simulator.Hosting;

/// <summary>
/// A bare Kestrel on 127.0.0.1 (no routing, configuration or default logging): the WebSocket endpoint at
/// <see cref="WebSocketPath"/> and the control endpoint under <see cref="ControlPath"/>.
/// </summary>
internal static class SimulatorHost
{
    public const string WebSocketPath = "/ws/api/v2";
    public const string ControlPath = "/control";

    public static WebApplication Build(SimulatorState state, DeribitSimulator simulator)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(state.Options.LoggerFactory);
        builder.Services.AddLogging();
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();

        // No server pings: the exchange's liveness is its JSON heartbeat, and pings would muddy the stall fault.
        builder.Services.AddWebSockets(o => o.KeepAliveInterval = TimeSpan.Zero);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, state.Options.Port);
        });
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(2));

        var app = builder.Build();
        app.Use(StallableUpgrade.Install);
        app.UseWebSockets();
        app.Run(context => Route(context, state, simulator));
        return app;
    }

    /// <summary>The port Kestrel bound, which differs from the option when that was 0.</summary>
    public static int BoundPort(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault() ?? throw new InvalidOperationException("Kestrel reported no address.");
        return new Uri(address).Port;
    }

    private static Task Route(HttpContext context, SimulatorState state, DeribitSimulator simulator)
    {
        var path = context.Request.Path;
        if (path.Equals(WebSocketPath, StringComparison.Ordinal))
        {
            return WebSocketEndpoint.HandleAsync(context, state);
        }

        if (path.StartsWithSegments(ControlPath, StringComparison.Ordinal, out var rest))
        {
            return ControlEndpoint.HandleAsync(context, simulator, rest.Value ?? string.Empty);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
