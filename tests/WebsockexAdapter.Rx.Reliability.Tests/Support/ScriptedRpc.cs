using System.Reactive.Concurrency;
using WebsockexAdapter.Rx.JsonRpc;

namespace WebsockexAdapter.Rx.Reliability.Tests.Support;

/// <summary>
/// A <see cref="JsonRpcSession"/> over a scripted socket on virtual time, with its log lines captured and its timers
/// counted. Everything runs inline on the scheduler.
/// </summary>
internal sealed class ScriptedRpc : IDisposable
{
    private readonly WebSocketClient _client;
    private readonly IDisposable _subscription;

    public ScriptedRpc(TimeSpan? timeout = null)
    {
        Clock = new TestScheduler();
        Timers = new CountingScheduler(Clock);
        Server = new ScriptedTransport(Clock);
        _client = new WebSocketClient(new Uri("wss://exchange.test/ws"), new ClientOptions
        {
            Scheduler = Clock,
            TransportFactory = Server,
            KeepAlive = KeepAliveOptions.Disabled,
            ReconnectOnError = false,
        });
        JsonRpcSession? session = null;
        _subscription = _client.Connections.Subscribe(
            connection => session = new JsonRpcSession(connection, new JsonRpcOptions
            {
                Scheduler = Timers,
                RequestTimeout = timeout ?? TimeSpan.FromSeconds(5),
                LoggerFactory = Logs,
            }),
            _ => { });
        Clock.AdvanceBy(1);
        Session = session!;
    }

    public TestScheduler Clock { get; }

    /// <summary>The session's scheduler: counts the timers it has left.</summary>
    public CountingScheduler Timers { get; }

    public ScriptedTransport Server { get; }

    public ScriptedSocket Socket => Server.Last;

    public JsonRpcSession Session { get; }

    public CapturingLoggerFactory Logs { get; } = new();

    public void Run(Action action)
    {
        Clock.Schedule(action);
        Clock.AdvanceBy(1);
    }

    public Task<System.Text.Json.JsonElement> Call(string method = "public/test")
    {
        Task<System.Text.Json.JsonElement>? call = null;
        Run(() => call = Session.CallAsync(method));
        return call!;
    }

    public void Reply(string json) => Run(() => Socket.SendText(json));

    public void Dispose()
    {
        Session.Dispose();
        _subscription.Dispose();
        _client.Dispose();
    }
}
