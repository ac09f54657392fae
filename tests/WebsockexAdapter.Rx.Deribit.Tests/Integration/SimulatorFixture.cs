using WebsockexAdapter.Rx.Simulator;

namespace WebsockexAdapter.Rx.Deribit.Tests.Integration;

/// <summary>A simulator per test, fast enough to make heartbeats and market data quick, and an adapter pointed at it.</summary>
public abstract class SimulatorTest : IAsyncLifetime
{
    internal static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly List<IDisposable> _cleanup = [];

    internal DeribitSimulator Simulator { get; private set; } = null!;

    public virtual async Task InitializeAsync() => Simulator = await DeribitSimulator.StartAsync(new SimulatorOptions
    {
        MinHeartbeatInterval = TimeSpan.FromMilliseconds(200),
        NotificationInterval = TimeSpan.FromMilliseconds(20),
    });

    public async Task DisposeAsync()
    {
        foreach (var item in Enumerable.Reverse(_cleanup))
        {
            item.Dispose();
        }

        await Simulator.DisposeAsync();
    }

    internal DeribitOptions Options(Action<DeribitOptions>? configure = null)
    {
        var options = new DeribitOptions
        {
            Url = Simulator.Uri,
            Credentials = new DeribitCredentials { ClientId = SimulatorOptions.DefaultClientId, ClientSecret = SimulatorOptions.DefaultClientSecret },
            CancelOnDisconnect = CancelOnDisconnectScope.Connection,
            HeartbeatInterval = TimeSpan.FromSeconds(1),
            Backoff = new BackoffOptions { InitialDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromSeconds(1), UseJitter = false, CircuitBreaker = null },
        };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>
    /// The adapter's default 10 s heartbeat and no keep-alive, for a test whose fault the socket reports at once (a reset,
    /// a close frame, a refused handshake, an error reply) and that counts connections, reconnects or epochs. The
    /// fixture's 1 s heartbeat and the 1.5 s pong timeout are wall-clock deadlines a starved machine misses, and the
    /// reconnect that follows is one the test did not plan.
    /// </summary>
    internal static void WithoutWallClockDeadlines(DeribitOptions options)
    {
        options.HeartbeatInterval = DeribitOptions.DefaultHeartbeatInterval;
        options.Client = new ClientOptions { KeepAlive = KeepAliveOptions.Disabled };
    }

    internal DeribitAdapter Adapter(Action<DeribitOptions>? configure = null) => Keep(new DeribitAdapter(Options(configure)));

    internal T Keep<T>(T disposable)
        where T : IDisposable
    {
        _cleanup.Add(disposable);
        return disposable;
    }
}
