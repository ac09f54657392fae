using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebSockets;
using Microsoft.Extensions.DependencyInjection;

namespace WebsockexAdapter.Rx.Tests.Loopback;

/// <summary>
/// A bare Kestrel on 127.0.0.1 with a port the system picks, scripted by one test: each accepted WebSocket runs the
/// test's script (send these frames, fragment, close with a code, reset...), and an upgrade can be refused with an
/// HTTP status instead. It counts upgrade requests and sockets still open, so a test can prove nothing was left behind.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ChangeSignal _changes = new();
    private int _upgrades;
    private int _live;

    private LoopbackServer(Func<HttpContext, int, Task> handle)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());

        // No keep-alive pings from the server: a test that wants a ping sends one itself (see RawSocket).
        builder.Services.AddWebSockets(o => o.KeepAliveInterval = TimeSpan.Zero);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, 0);
        });
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(1));
        _app = builder.Build();
        _app.UseWebSockets();
        _app.Run(context => HandleAsync(context, handle));
    }

    /// <summary>The ws:// address of the server.</summary>
    public Uri Uri { get; private set; } = null!;

    /// <summary>How many upgrade requests arrived (refused ones included).</summary>
    public int Upgrades => Volatile.Read(ref _upgrades);

    /// <summary>How many accepted sockets are still being served.</summary>
    public int LiveSockets => Volatile.Read(ref _live);

    /// <summary>What the scripts threw, for a failing test's message (a client that goes away makes scripts throw).</summary>
    public ConcurrentQueue<Exception> ScriptErrors { get; } = new();

    /// <summary>Starts a server that runs <paramref name="script"/> for every socket it accepts.</summary>
    /// <param name="script">What the server does with a socket; when it returns, the server's end is released.</param>
    /// <param name="refuseUpgrade">Given the upgrade's index, an HTTP status to refuse it with, or null to accept.</param>
    public static Task<LoopbackServer> StartAsync(Func<ServerSocket, Task> script, Func<int, int?>? refuseUpgrade = null) =>
        StartAsync(new LoopbackServer(async (context, index) =>
        {
            if (refuseUpgrade?.Invoke(index) is { } status)
            {
                context.Response.StatusCode = status;
                return;
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            await script(new ServerSocket(index, context, socket));
        }));

    /// <summary>Starts a server that completes the handshake itself and gives the script the raw stream (for pings).</summary>
    public static Task<LoopbackServer> StartRawAsync(Func<RawSocket, Task> script) =>
        StartAsync(new LoopbackServer(async (context, _) =>
        {
            await using var stream = await RawSocket.AcceptAsync(context);
            await script(new RawSocket(stream));
        }));

    /// <summary>Completes once <paramref name="condition"/> holds (checked whenever a socket opens or ends).</summary>
    public Task WaitUntilAsync(Func<LoopbackServer, bool> condition, TimeSpan timeout) =>
        _changes.WaitUntilAsync(() => condition(this), timeout);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static async Task<LoopbackServer> StartAsync(LoopbackServer server)
    {
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Uri = new Uri($"ws://127.0.0.1:{new Uri(address).Port}/ws");
        return server;
    }

    private async Task HandleAsync(HttpContext context, Func<HttpContext, int, Task> handle)
    {
        var index = Interlocked.Increment(ref _upgrades) - 1;
        Interlocked.Increment(ref _live);
        _changes.Notify();
        try
        {
            await handle(context, index);
        }
#pragma warning disable CA1031 // A script fails whenever the client goes first; the test judges by what the client saw.
        catch (Exception error)
#pragma warning restore CA1031
        {
            ScriptErrors.Enqueue(error);
        }
        finally
        {
            Interlocked.Decrement(ref _live);
            _changes.Notify();
        }
    }
}
