using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;

namespace WebsockexAdapter.Rx.Tests.Diagnostics;

public sealed class LogTest : IDisposable
{
    private static readonly Uri Secretive = new("wss://trader:hunter2@exchange.test/ws?token=s3cr3t");

    private readonly TestScheduler _scheduler = new();
    private readonly ScriptedTransport _server;
    private readonly RecordingLoggerFactory _logs = new();

    public LogTest() => _server = new ScriptedTransport(_scheduler);

    [Fact]
    public void EveryLineAboutAConnection_CarriesItsId()
    {
        _server.OnConnect = socket =>
        {
            if (socket.Index == 0)
            {
                socket.Refuse();
            }
            else
            {
                socket.Accept();
            }
        };
        using var client = Client(Secretive);
        var subscription = client.Frames.Subscribe(_ => { });
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(2).Ticks);
        _server.Last.Drop();
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(2).Ticks);
        subscription.Dispose();
        _scheduler.AdvanceBy(10);

        // Connecting, connect failed, reconnecting, connected, ended, closing, closed: all of them seen...
        Assert.Superset(new HashSet<int> { 1, 2, 3, 4, 5, 6, 8 }, _logs.Records.Select(r => r.EventId).ToHashSet());

        // ...and each names the attempt or connection it is about.
        Assert.All(_logs.Records, r => Assert.Matches("^ws[0-9]+-[0-9]+$", r.Value("ConnectionId")));
        Assert.Equal(client.CurrentState.ConnectionId, _logs.Records.Last(r => r.EventId == 2).Value("ConnectionId"));
    }

    [Fact]
    public void AClose_SaysWhoClosedAndWithWhichCode()
    {
        using var client = Client(new Uri("wss://exchange.test/ws"));
        var subscription = client.Frames.Subscribe(_ => { });
        _scheduler.AdvanceBy(10);
        _server.Last.Close(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "bye");
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(2).Ticks);
        subscription.Dispose();
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(2).Ticks);

        var closes = _logs.Records.Where(r => r.EventId == 5).Select(r => r.Message.Split("] ")[1]).ToList();
        Assert.Equal(["Connection closed by the server with 1000 (NormalClosure)", "Connection closed by this side"], closes);
    }

    [Fact]
    public void GivingUp_NamesTheLastAttempt()
    {
        _server.OnConnect = socket => socket.Reject(HttpStatusCode.Unauthorized);
        using var client = Client(new Uri("wss://exchange.test/ws"));
        using var subscription = client.Frames.Subscribe(_ => { }, _ => { });
        _scheduler.AdvanceBy(10);

        var gaveUp = Assert.Single(_logs.Records, r => r.EventId == 7);
        Assert.Equal(client.CurrentState.ConnectionId, gaveUp.Value("ConnectionId"));
        Assert.Equal(LogLevel.Error, gaveUp.Level);
    }

    [Fact]
    public void AThrowingStateObserver_IsLoggedWithTheConnectionIdAndTheStream()
    {
        using var client = Client(new Uri("wss://exchange.test/ws"));
        using var subscription = client.States.Subscribe(_ => throw new InvalidOperationException("observer bug"));

        var failed = _logs.Records.First(r => r.EventId == 10);
        Assert.Matches("^ws[0-9]+(-[0-9]+)?$", failed.Value("ConnectionId"));
        Assert.Equal("States", failed.Value("Stream"));
        Assert.IsType<InvalidOperationException>(failed.Error);
    }

    [Fact]
    public void NoLine_ShowsCredentialsOrTheQuery()
    {
        _server.OnConnect = socket => socket.Refuse();
        using var client = Client(Secretive);
        using var subscription = client.Frames.Subscribe(_ => { });
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(5).Ticks);

        Assert.NotEmpty(_logs.Records);
        Assert.All(_logs.Records, r =>
        {
            Assert.DoesNotContain("hunter2", r.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("s3cr3t", r.Message, StringComparison.Ordinal);
        });
        Assert.Contains(_logs.Records, r => r.Message.Contains("wss://exchange.test/ws", StringComparison.Ordinal));
    }

    public void Dispose() => _logs.Dispose();

    private WebSocketClient Client(Uri address) => new(address, new ClientOptions
    {
        Scheduler = _scheduler,
        TransportFactory = _server,
        KeepAlive = KeepAliveOptions.Disabled,
        Backoff = new BackoffOptions { UseJitter = false, CircuitBreaker = null },
        LoggerFactory = _logs,
    });

    private sealed record Entry(int EventId, LogLevel Level, string Message, IReadOnlyList<KeyValuePair<string, object?>> State, Exception? Error)
    {
        public string? Value(string key) => State.FirstOrDefault(p => p.Key == key).Value?.ToString();
    }

    private sealed class RecordingLoggerFactory : ILoggerFactory, ILogger
    {
        private readonly ConcurrentQueue<Entry> _records = new();

        public IReadOnlyList<Entry> Records => [.. _records];

        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _records.Enqueue(new Entry(eventId.Id, logLevel, formatter(state, exception), state as IReadOnlyList<KeyValuePair<string, object?>> ?? [], exception));

        public void Dispose()
        {
        }
    }
}
