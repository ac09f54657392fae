using System.Reactive.Concurrency;

namespace WebsockexAdapter.Rx.Deribit.Tests.Support;

/// <summary>The common setting of the adapter's virtual-time tests: a test scheduler, the fake exchange, helpers.</summary>
public abstract class AdapterTest : IDisposable
{
    internal static readonly long Second = TimeSpan.FromSeconds(1).Ticks;
    internal static readonly long Millisecond = TimeSpan.FromMilliseconds(1).Ticks;

    private readonly List<IDisposable> _cleanup = [];

    internal AdapterTest() => Exchange = new FakeExchange(Scheduler);

    internal TestScheduler Scheduler { get; } = new();

    internal FakeExchange Exchange { get; }

    internal static DeribitCredentials Credentials => new() { ClientId = "test-client", ClientSecret = "s3cret-value", Method = AuthMethod.ClientCredentials };

    public void Dispose()
    {
        foreach (var item in Enumerable.Reverse(_cleanup))
        {
            Now(item.Dispose);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Options for the fake exchange: credentials, cancel-on-disconnect, backoff of 1 s doubling without jitter, and a
    /// heartbeat interval of an hour (the fake sends heartbeats only when a test asks, so tests that run for minutes of
    /// virtual time and are not about heartbeats set none off).
    /// </summary>
    internal DeribitOptions Options(Action<DeribitOptions>? configure = null)
    {
        var options = new DeribitOptions
        {
            Credentials = Credentials,
            CancelOnDisconnect = CancelOnDisconnectScope.Connection,
            HeartbeatInterval = TimeSpan.FromHours(1),
            Backoff = new BackoffOptions { InitialDelay = TimeSpan.FromSeconds(1), UseJitter = false, CircuitBreaker = null },
            Client = new ClientOptions { TransportFactory = Exchange.Transport, KeepAlive = KeepAliveOptions.Disabled },
            Scheduler = Scheduler,
        };
        configure?.Invoke(options);
        return options;
    }

    internal DeribitAdapter Adapter(Action<DeribitOptions>? configure = null) => Keep(new DeribitAdapter(Options(configure)));

    /// <summary>An adapter that is live on its first connection (something keeps it connected).</summary>
    internal DeribitAdapter LiveAdapter()
    {
        var adapter = Adapter();
        Keep(adapter.Connections.Subscribe(_ => { }));
        Advance(10);
        return adapter;
    }

    /// <summary>The fake exchange refuses the handshakes of the sockets <paramref name="refused"/> says, and accepts the others.</summary>
    internal void RefuseHandshakes(Func<int, bool> refused) =>
        Exchange.Transport.OnConnect = socket =>
        {
            if (refused(socket.Index))
            {
                socket.Refuse();
            }
            else
            {
                socket.Accept();
            }
        };

    internal T Keep<T>(T disposable)
        where T : IDisposable
    {
        _cleanup.Add(disposable);
        return disposable;
    }

    /// <summary>
    /// Runs <paramref name="action"/> on the scheduler (no synchronization context: continuations run inline) and lets
    /// two ticks pass: one for what it sent to arrive, one for the subscribers' delivery queues to hand it over.
    /// </summary>
    internal void Now(Action action)
    {
        Scheduler.Schedule(action);
        Scheduler.AdvanceBy(2);
    }

    /// <summary>Moves the clock on by <paramref name="ticks"/>, running everything due.</summary>
    internal void Advance(long ticks) => Scheduler.AdvanceBy(ticks);

    internal static T Completed<T>(Task<T> task)
    {
        Assert.True(task.IsCompletedSuccessfully, $"the task is {task.Status}: {task.Exception?.InnerException?.Message}");
        return task.GetAwaiter().GetResult();
    }

    internal static TException Failed<TException>(Task task)
        where TException : Exception
    {
        Assert.True(task.IsFaulted, $"the task is {task.Status}");
        return Assert.IsType<TException>(task.Exception!.InnerException);
    }
}
