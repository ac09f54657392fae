using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using WebsockexAdapter.Rx.Deribit;
using WebsockexAdapter.Rx.Simulator;

namespace WebsockexAdapter.Rx.Gateway.Tests.Support;

/// <summary>
/// Everything a gateway test needs, on loopback: a real nats-server, the simulator, one gateway holding one adapter
/// session, and consumers made on demand. Disposing it stops them all in reverse order.
/// </summary>
internal sealed class GatewayRig : IAsyncDisposable
{
    /// <summary>The bound on any single wait in these tests.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>The leader TTL of the rig's gateways: short, so a takeover fits the 5 s bound, yet renewed often enough on a loaded machine.</summary>
    public static readonly TimeSpan LeaderTtl = TimeSpan.FromSeconds(2);

    private readonly List<IAsyncDisposable> _cleanup = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _gatewayRun = Task.CompletedTask;

    private GatewayRig(LocalNatsServer nats, DeribitSimulator simulator)
    {
        Nats = nats;
        Simulator = simulator;
    }

    public LocalNatsServer Nats { get; }

    public DeribitSimulator Simulator { get; }

    public MarketDataGateway Gateway { get; private set; } = null!;

    public string Prefix { get; } = $"t{Guid.NewGuid():N}"[..12];

    public static async Task<GatewayRig> StartAsync(TimeSpan? leaseTimeout = null, TimeSpan? notificationInterval = null, bool withGateway = true)
    {
        var nats = await LocalNatsServer.StartAsync();
        var simulator = await DeribitSimulator.StartAsync(new SimulatorOptions
        {
            MinHeartbeatInterval = TimeSpan.FromSeconds(1),
            NotificationInterval = notificationInterval ?? TimeSpan.FromMilliseconds(5),
        });
        var rig = new GatewayRig(nats, simulator);
        rig._cleanup.Add(nats);
        rig._cleanup.Add(simulator);
        if (withGateway)
        {
            rig.Gateway = await rig.StartGatewayAsync(leaseTimeout);
            await Waits.RoleAsync(rig.Gateway, GatewayRole.Active);
        }

        return rig;
    }

    /// <summary>A gateway with its own adapter session, on the rig's prefix (leader TTL <see cref="LeaderTtl"/>); stopped with the rig.</summary>
    public async Task<MarketDataGateway> StartGatewayAsync(TimeSpan? leaseTimeout = null)
    {
        var gateway = new MarketDataGateway(Adapter(), new GatewayOptions
        {
            NatsUrl = Nats.Url,
            SubjectPrefix = Prefix,
            LeaseTimeout = leaseTimeout ?? TimeSpan.FromSeconds(10),
            LeaderTtl = LeaderTtl,
        });
        var run = gateway.RunAsync(_stop.Token);
        _gatewayRun = Task.WhenAll(_gatewayRun, run);
        await gateway.Ready.WaitAsync(Timeout);
        return gateway;
    }

    /// <summary>An adapter on the simulator, disposed with the rig.</summary>
    public DeribitAdapter Adapter()
    {
        var adapter = new DeribitAdapter(new DeribitOptions
        {
            Url = Simulator.Uri,
            HeartbeatInterval = TimeSpan.FromSeconds(1),
            Backoff = new BackoffOptions { InitialDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(200), UseJitter = false, CircuitBreaker = null },

            // The tests compare the gateway's views with this adapter's at every change id; the default keeps only a
            // slow subscriber's latest view, which would skip some.
            Delivery = new DeribitDeliveryOptions { OrderBook = SlowConsumerPolicy.Queue() },
        });
        _cleanup.Add(new Disposer(adapter.Dispose));
        return adapter;
    }

    /// <summary>A consumer of the rig's gateway, disposed with the rig.</summary>
    public GatewayMarketData Consumer(TimeSpan? leaseInterval = null, string? id = null, int pendingCapacity = GatewayConsumerOptions.DefaultPendingCapacity)
    {
        var options = new GatewayConsumerOptions
        {
            NatsUrl = Nats.Url,
            SubjectPrefix = Prefix,
            LeaseInterval = leaseInterval ?? TimeSpan.FromSeconds(1),
            RetryDelay = TimeSpan.FromMilliseconds(50),
            PendingCapacity = pendingCapacity,
        };
        if (id is not null)
        {
            options.ConsumerId = id;
        }

        var consumer = new GatewayMarketData(options);
        _cleanup.Add(consumer);
        return consumer;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _gatewayRun.WaitAsync(Timeout);
        foreach (var item in Enumerable.Reverse(_cleanup))
        {
            await item.DisposeAsync();
        }

        _stop.Dispose();
    }

    /// <summary>The first <paramref name="count"/> elements, or a timeout naming what was awaited.</summary>
    public static async Task<IList<T>> Take<T>(IObservable<T> source, int count, string what)
    {
        try
        {
            return await source.Take(count).ToList().ToTask().WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{what}: fewer than {count} within {Timeout.TotalSeconds} s");
        }
    }

    private sealed class Disposer(Action dispose) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            dispose();
            return ValueTask.CompletedTask;
        }
    }
}
