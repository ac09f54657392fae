using System.Globalization;
using System.Reactive.Subjects;
using System.Text;
using BenchmarkDotNet.Attributes;
using WebsockexAdapter.Rx.Benchmarks.Loopback;
using WebsockexAdapter.Rx.JsonRpc;

namespace WebsockexAdapter.Rx.Benchmarks.Micro;

/// <summary>
/// <see cref="JsonRpcSession"/> over a connection the benchmark feeds: a notification from frame to
/// <see cref="JsonRpcSession.Notifications"/>, and a call from <see cref="JsonRpcSession.CallAsync"/> to its reply.
/// The reply benchmark builds each reply frame (its id changes), which is part of what it measures.
/// </summary>
[MemoryDiagnoser]
#pragma warning disable CA1001 // BenchmarkDotNet releases the fields in [GlobalCleanup]; it never disposes a benchmark class.
public class JsonRpcRoutingBenchmarks
#pragma warning restore CA1001
{
    private const int Messages = 64;

    private readonly Subject<Frame> _frames = new();
    private readonly CountingObserver<JsonRpcNotification> _notifications = new();
    private PushedConnection _connection = null!;
    private JsonRpcSession _session = null!;
    private IDisposable? _subscription;
    private Frame _notification = null!;
    private long _nextId;

    [GlobalSetup]
    public void Setup()
    {
        _connection = new PushedConnection(_frames);
        _session = new JsonRpcSession(_connection);
        _subscription = _session.Notifications.Subscribe(_notifications);
        _notification = Frame.FromUtf8(BookNotifications.Change(BookNotifications.FirstChangeId + 1, 0));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _subscription?.Dispose();
        _session.Dispose();
        _frames.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public long Notification()
    {
        for (var i = 0; i < Messages; i++)
        {
            _frames.OnNext(_notification);
        }

        return _notifications.Count;
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public async Task<int> Reply()
    {
        var length = 0;
        for (var i = 0; i < Messages; i++)
        {
            var call = _session.CallAsync("public/test");
            var id = ++_nextId;
            _frames.OnNext(Frame.FromUtf8(Encoding.UTF8.GetBytes(
                string.Create(CultureInfo.InvariantCulture, $$"""{"jsonrpc":"2.0","id":{{id}},"result":{"version":"1.2.26"},"usIn":1,"usOut":2,"usDiff":1,"testnet":true}"""))));
            var result = await call.ConfigureAwait(false);
            length += result.GetProperty("version").GetString()!.Length;
        }

        return length;
    }
}
