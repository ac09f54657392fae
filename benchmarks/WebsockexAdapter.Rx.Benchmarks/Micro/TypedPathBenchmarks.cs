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

    private readonly ChangeIds _subscriber = new();
    private Frame[] _frameSet = null!;
    private BookChannelSession _session = null!;

    [GlobalSetup]
    public void Setup()
    {
        _frameSet = [.. Enumerable.Range(0, Messages).Select(i => Frame.FromUtf8(BookNotifications.Change(BookNotifications.FirstChangeId + 1 + i, i)))];
        var decoder = new ChannelDecoder<BookData>(static utf8 => BookReader.Read(utf8, "BTC-PERPETUAL", grouped: false), _subscriber, static (_, _, _) => { });
        _session = new BookChannelSession(new ChannelObserver(decoder, NullLogger.Instance, decoder));
    }

    [GlobalCleanup]
    public void Cleanup() => _session.Dispose();

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
            _session.Frames.OnNext(_frameSet[i]);
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
