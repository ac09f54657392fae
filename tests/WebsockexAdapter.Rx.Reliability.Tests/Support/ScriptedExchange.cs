using System.Reactive.Concurrency;
using System.Text.Json;
using WebsockexAdapter.Rx.Deribit;

namespace WebsockexAdapter.Rx.Reliability.Tests.Support;

/// <summary>
/// A Deribit-shaped exchange on virtual time for the adapter's restore edges: it records every request with its
/// connection, answers each on the next tick (the usual answer, or a test's override; null leaves it unanswered), and
/// builds the adapter under test with its log lines captured.
/// </summary>
internal sealed class ScriptedExchange : IDisposable
{
    public static readonly long Second = TimeSpan.FromSeconds(1).Ticks;

    private readonly List<IDisposable> _cleanup = [];

    public ScriptedExchange() => Transport = new ScriptedTransport(Clock) { OnClientFrame = OnClientFrame };

    public TestScheduler Clock { get; } = new();

    public ScriptedTransport Transport { get; }

    public CapturingLoggerFactory Logs { get; } = new();

    public List<(int Socket, string Method, JsonElement Params)> Requests { get; } = [];

    /// <summary>Answers by method: the JSON of the result, "error:CODE" for an error, or null for no answer.</summary>
    public Dictionary<string, Func<JsonElement, string?>> Answers { get; } = new(StringComparer.Ordinal);

    public IEnumerable<string> Methods(int socket) => Requests.Where(r => r.Socket == socket).Select(r => r.Method);

    public DeribitAdapter Adapter(Action<DeribitOptions>? configure = null)
    {
        var options = new DeribitOptions
        {
            Url = new Uri("wss://exchange.test/ws/api/v2"),
            Credentials = new DeribitCredentials { ClientId = "id", ClientSecret = "secret-value", Method = AuthMethod.ClientCredentials },
            CancelOnDisconnect = Deribit.CancelOnDisconnectScope.Connection,
            HeartbeatInterval = TimeSpan.FromHours(1),
            RequestTimeout = TimeSpan.FromSeconds(5),
            Backoff = new BackoffOptions { InitialDelay = TimeSpan.FromSeconds(1), UseJitter = false, CircuitBreaker = null },
            Client = new ClientOptions { TransportFactory = Transport, KeepAlive = KeepAliveOptions.Disabled },
            Scheduler = Clock,
            LoggerFactory = Logs,
        };
        configure?.Invoke(options);
        return Keep(new DeribitAdapter(options));
    }

    public T Keep<T>(T disposable)
        where T : IDisposable
    {
        _cleanup.Add(disposable);
        return disposable;
    }

    /// <summary>Runs <paramref name="action"/> on the clock, then two ticks: one for what it sent to arrive, one for the subscribers' delivery queues.</summary>
    public void Now(Action action)
    {
        Clock.Schedule(action);
        Clock.AdvanceBy(2);
    }

    /// <summary>Starts <paramref name="action"/> on the scheduler and returns its task.</summary>
    public Task<T> Start<T>(Func<Task<T>> action)
    {
        Task<T>? task = null;
        Now(() => { task = action(); });
        return task!;
    }

    public void Advance(long ticks) => Clock.AdvanceBy(ticks);

    public void Notify(string channel, string data) =>
        Now(() => Transport.Last.SendText($$$"""{"jsonrpc":"2.0","method":"subscription","params":{"channel":"{{{channel}}}","data":{{{data}}}}}"""));

    public void Send(string text) => Now(() => Transport.Last.SendText(text));

    public void Dispose()
    {
        foreach (var item in Enumerable.Reverse(_cleanup))
        {
            Now(item.Dispose);
        }
    }

    private void OnClientFrame(ScriptedSocket socket, Frame frame)
    {
        var request = JsonDocument.Parse(frame.Payload).RootElement.Clone();
        var id = request.GetProperty("id").GetInt64();
        var method = request.GetProperty("method").GetString()!;
        var parameters = request.TryGetProperty("params", out var p) ? p : default;
        Requests.Add((socket.Index, method, parameters));
        var answer = Answers.TryGetValue(method, out var custom) ? custom(parameters) : Usual(method, parameters);
        if (answer is null)
        {
            return;
        }

        var json = answer.StartsWith("error:", StringComparison.Ordinal)
            ? $$$"""{"jsonrpc":"2.0","id":{{{id}}},"error":{"code":{{{answer[6..]}}},"message":"refused"}}"""
            : $$"""{"jsonrpc":"2.0","id":{{id}},"result":{{answer}}}""";
        socket.SendAfter(TimeSpan.Zero, Frame.FromText(json));
    }

    private static string Usual(string method, JsonElement parameters) => method switch
    {
        "public/auth" => """{"access_token":"access-token-1","expires_in":900,"refresh_token":"refresh-token-1","scope":"connection","token_type":"bearer","enabled_features":[]}""",
        "public/subscribe" or "private/subscribe" or "public/unsubscribe" or "private/unsubscribe" => parameters.GetProperty("channels").GetRawText(),
        "private/get_open_orders_by_instrument" => "[]",
        _ => "\"ok\"",
    };
}
