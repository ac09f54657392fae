using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using BenchmarkDotNet.Attributes;
using WebsockexAdapter.Rx.Benchmarks.Loopback;

namespace WebsockexAdapter.Rx.Benchmarks.Micro;

/// <summary>
/// One frame delivered to 1 and 10 subscribers through the sharing <see cref="WebSocketClient.Frames"/> uses (the
/// current connection's frames, shared by a <c>SharedObservable</c>), against the same subscribers on a bare
/// <see cref="Subject{T}"/>.
/// </summary>
[MemoryDiagnoser]
#pragma warning disable CA1001 // BenchmarkDotNet releases the fields in [GlobalCleanup]; it never disposes a benchmark class.
public class FanOutBenchmarks
#pragma warning restore CA1001
{
    private const int Frames = 1_000;

    private readonly Subject<Frame> _bare = new();
    private readonly Subject<Frame> _connectionFrames = new();
    private readonly CompositeDisposable _subscriptions = [];
    private Frame _frame = null!;
    private SharedObservable<IConnection> _connections = null!;
    private SharedObservable<Frame> _clientFrames = null!;
    private CountingObserver<Frame> _lastBare = null!;
    private CountingObserver<Frame> _lastClient = null!;

    [Params(1, 10)]
    public int Subscribers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _frame = Frame.FromUtf8(BookNotifications.Change(BookNotifications.FirstChangeId + 1, 0));
        _connections = new SharedObservable<IConnection>(
            Observable.Return<IConnection>(new PushedConnection(_connectionFrames)).Concat(Observable.Never<IConnection>()));
        _clientFrames = new SharedObservable<Frame>(new CurrentFrames(_connections));
        for (var i = 0; i < Subscribers; i++)
        {
            _lastBare = new CountingObserver<Frame>();
            _lastClient = new CountingObserver<Frame>();
            _subscriptions.Add(_bare.Subscribe(_lastBare));
            _subscriptions.Add(_clientFrames.Subscribe(_lastClient));
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _subscriptions.Dispose();
        _clientFrames.Dispose();
        _connections.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Frames)]
    public long BareSubject()
    {
        for (var i = 0; i < Frames; i++)
        {
            _bare.OnNext(_frame);
        }

        return _lastBare.Count;
    }

    [Benchmark(OperationsPerInvoke = Frames)]
    public long ClientFrames()
    {
        for (var i = 0; i < Frames; i++)
        {
            _connectionFrames.OnNext(_frame);
        }

        return _lastClient.Count;
    }
}
