using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Subjects;
using BenchmarkDotNet.Attributes;

namespace WebsockexAdapter.Rx.Benchmarks.Micro;

/// <summary>
/// What <c>RetryWithBackoff</c> costs while nothing fails: per element, against the same subject observed directly,
/// and per subscription (the operator's state: schedule, circuit breaker).
/// </summary>
[MemoryDiagnoser]
#pragma warning disable CA1001 // BenchmarkDotNet releases the fields in [GlobalCleanup]; it never disposes a benchmark class.
public class RetryOverheadBenchmarks
#pragma warning restore CA1001
{
    private const int Elements = 1_000;

    private readonly BackoffOptions _backoff = new();
    private readonly Subject<int> _bare = new();
    private readonly Subject<int> _retried = new();
    private readonly CountingObserver<int> _bareCount = new();
    private readonly CountingObserver<int> _retriedCount = new();
    private CompositeDisposable? _subscriptions;

    [GlobalSetup]
    public void Setup()
    {
        _subscriptions = new CompositeDisposable(
            _bare.Subscribe(_bareCount),
            _retried.RetryWithBackoff(_backoff, DefaultScheduler.Instance).Subscribe(_retriedCount));
    }

    [GlobalCleanup]
    public void Cleanup() => _subscriptions?.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Elements)]
    public long BareStream()
    {
        for (var i = 0; i < Elements; i++)
        {
            _bare.OnNext(i);
        }

        return _bareCount.Count;
    }

    [Benchmark(OperationsPerInvoke = Elements)]
    public long WithRetryWithBackoff()
    {
        for (var i = 0; i < Elements; i++)
        {
            _retried.OnNext(i);
        }

        return _retriedCount.Count;
    }

    [Benchmark]
    public int SubscribeBare()
    {
        using var subscription = _bare.Subscribe(_bareCount);
        return 1;
    }

    [Benchmark]
    public int SubscribeWithRetryWithBackoff()
    {
        using var subscription = _bare.RetryWithBackoff(_backoff, DefaultScheduler.Instance).Subscribe(_bareCount);
        return 1;
    }
}
