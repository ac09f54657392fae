using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using WebsockexAdapter.Rx.Simulator.Hosting;

namespace WebsockexAdapter.Rx.Simulator;

/// <summary>
/// An embedded Deribit-compatible exchange: a Kestrel WebSocket server on 127.0.0.1 speaking the exchange's
/// JSON-RPC, with fault injection and a record of what it saw, for tests, demos and benchmarks.
/// <code>await using var sim = await DeribitSimulator.StartAsync(new SimulatorOptions { MinHeartbeatInterval = TimeSpan.FromSeconds(1) });</code>
/// </summary>
public sealed partial class DeribitSimulator : IAsyncDisposable
{
    /// <summary>How long <see cref="DisposeAsync"/> lets clients answer the server's close frame before aborting them.</summary>
    public static readonly TimeSpan GracefulCloseTimeout = TimeSpan.FromSeconds(1);

    private readonly SimulatorState _state;
    private readonly WebApplication _app;
    private int _disposed;

    private DeribitSimulator(SimulatorOptions options)
    {
        _state = new SimulatorState(options);
        _state.MethodCalled = RaiseMethodCalled;
        _app = SimulatorHost.Build(_state, this);
        Uri = new Uri("ws://127.0.0.1/");
        ControlUri = new Uri("http://127.0.0.1/");
    }

    /// <summary>The WebSocket endpoint: <c>ws://127.0.0.1:{port}/ws/api/v2</c>.</summary>
    public Uri Uri { get; private set; }

    /// <summary>The base of the HTTP control endpoint: <c>http://127.0.0.1:{port}/control/</c>.</summary>
    public Uri ControlUri { get; private set; }

    /// <summary>The port the server listens on.</summary>
    public int Port { get; private set; }

    /// <summary>The options the simulator runs with.</summary>
    public SimulatorOptions Options => _state.Options;

    /// <summary>Starts a simulator; with the default <see cref="SimulatorOptions.Port"/> of 0, on a free loopback port.</summary>
    /// <param name="options">How it behaves; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running simulator; dispose it to stop it.</returns>
    /// <exception cref="ArgumentException">An option is invalid (the message lists every problem).</exception>
    public static async Task<DeribitSimulator> StartAsync(SimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SimulatorOptions();
        options.Validate();
        var simulator = new DeribitSimulator(options);
        try
        {
            await simulator._app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await simulator._app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        simulator.Port = SimulatorHost.BoundPort(simulator._app);
        simulator.Uri = new Uri($"ws://127.0.0.1:{simulator.Port}{SimulatorHost.WebSocketPath}");
        simulator.ControlUri = new Uri($"http://127.0.0.1:{simulator.Port}{SimulatorHost.ControlPath}/");
        Log.Started(simulator._state.Logger, simulator.Uri);
        return simulator;
    }

    /// <summary>
    /// Refuses new connections, sends every live connection a 1001 close frame, aborts those that have not closed
    /// within <see cref="GracefulCloseTimeout"/>, and stops the server. Finishes within a few seconds.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _state.IsStopping = true;
        foreach (var connection in _state.Registry.Live())
        {
            connection.RequestClose(WebSocketCloseStatus.EndpointUnavailable, "simulator stopping");
        }

        try
        {
            await WaitForConnectionsAliveAsync(0, GracefulCloseTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            foreach (var connection in _state.Registry.Live())
            {
                connection.Cancel();
            }
        }

        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            await _app.StopAsync(stop.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
