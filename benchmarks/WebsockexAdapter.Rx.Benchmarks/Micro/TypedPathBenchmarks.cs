using System.Reactive.Concurrency;
using System.Reactive.Subjects;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using WebsockexAdapter.Rx.Benchmarks.Loopback;
using WebsockexAdapter.Rx.Deribit;
using WebsockexAdapter.Rx.JsonRpc;

namespace WebsockexAdapter.Rx.Benchmarks.Micro;

/// <summary>
/// The typed book's work on the receive loop, per book change (64 different ones in turn, as the e2e stream sends
/// them): finding the channel and <c>data</c> in the frame (FindData), that and the one-pass decode of <c>data</c>
/// (FindAndDecode), and the whole of it through a <see cref="SessionRunner"/> to the book's decoder and a subscriber
/// reading the change id (SessionToDecoder: the session's dispatch, the channel lookup, the clock, the decoder). What
/// comes after (the shared stream, the sequencer, the delivery queue) is not in it.
/// </summary>
[MemoryDiagnoser]
#pragma warning disable CA1001 // BenchmarkDotNet releases the fields in [GlobalCleanup]; it never disposes a benchmark class.
public class TypedPathBenchmarks
#pragma warning restore CA1001
{
    private const int Messages = 64;

    private readonly Subject<Frame> _frames = new();
    private readonly ChangeIds _subscriber = new();
    private Frame[] _frameSet = null!;
    private SessionRunner _runner = null!;
    private IDisposable? _wanted;

    [GlobalSetup]
    public void Setup()
    {
        _frameSet = [.. Enumerable.Range(0, Messages).Select(i => Frame.FromUtf8(BookNotifications.Change(BookNotifications.FirstChangeId + 1 + i, i)))];
        var options = new DeribitOptions { Url = new Uri("ws://127.0.0.1/") };
        var scheduler = DefaultScheduler.Instance;
        var context = new AdapterContext
        {
            Options = options,
            Scheduler = scheduler,
            Logger = NullLogger.Instance,
            Subscriptions = new SubscriptionRegistry(static () => { }),
            Limiter = new CreditLimiter(options.RateLimits, scheduler),
            States = new AdapterStateMachine(scheduler),
            Rpc = new JsonRpcOptions { Scheduler = scheduler },
        };
        var decoder = new ChannelDecoder<BookData>(static utf8 => BookReader.Read(utf8, "BTC-PERPETUAL", grouped: false), _subscriber, static (_, _, _) => { });
        _wanted = context.Subscriptions.Add(BookNotifications.Channel, new ChannelObserver(decoder, NullLogger.Instance, decoder));
        _runner = new SessionRunner(context, new SupervisedConnection(new PushedConnection(_frames), Epoch: 1, Attempt: 1));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _wanted?.Dispose();
        _runner.Dispose();
        _frames.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public int FindData()
    {
        var found = 0;
        for (var i = 0; i < Messages; i++)
        {
            NotificationShortcut.TryFindData(_frameSet[i].Payload, out var channel, out var data);
            found += channel.Length + data.Length;
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public long FindAndDecode()
    {
        long sum = 0;
        for (var i = 0; i < Messages; i++)
        {
            NotificationShortcut.TryFindData(_frameSet[i].Payload, out _, out var data);
            sum += BookReader.Read(data.Span, "BTC-PERPETUAL", grouped: false).ChangeId;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public long SessionToDecoder()
    {
        for (var i = 0; i < Messages; i++)
        {
            _frames.OnNext(_frameSet[i]);
        }

        return _subscriber.Sum;
    }

    private sealed class ChangeIds : IObserver<ChannelMessage<BookData>>
    {
        public long Sum { get; private set; }

        public void OnNext(ChannelMessage<BookData> value) => Sum += value.Data.ChangeId;

        public void OnError(Exception error) => throw error;

        public void OnCompleted()
        {
        }
    }
}
