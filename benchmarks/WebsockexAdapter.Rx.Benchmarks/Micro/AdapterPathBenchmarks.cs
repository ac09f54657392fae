using System.Reactive.Concurrency;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using WebsockexAdapter.Rx.Benchmarks.Loopback;
using WebsockexAdapter.Rx.Deribit;
using WebsockexAdapter.Rx.JsonRpc;

namespace WebsockexAdapter.Rx.Benchmarks.Micro;

/// <summary>
/// Where the adapter's raw channel stream spends its time on a book change (64 different ones, as the e2e stream
/// sends them), step by step: the floor of any JSON read (the reader over every token); a document of the whole frame
/// (kept, as the session keeps it, and disposed, to show what its rented buffer that is never returned costs); the
/// whole-frame path with its lookups by name (what every frame took before the channel shortcut), the channel
/// shortcut, and a pre-scan that finds <c>data</c> with a reader before parsing it (an idea measured and
/// left); the scheduler's clock; and the whole adapter path from the frame to a subscriber reading
/// <c>data.change_id</c> (the session, the channel router and the subscriber guard).
/// </summary>
[MemoryDiagnoser]
#pragma warning disable CA1001 // BenchmarkDotNet releases the fields in [GlobalCleanup]; it never disposes a benchmark class.
public class AdapterPathBenchmarks
#pragma warning restore CA1001
{
    private const int Messages = 64;
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    private readonly ChangeIdObserver _subscriber = new();
    private readonly DefaultScheduler _scheduler = DefaultScheduler.Instance;
    private byte[][] _payloads = null!;
    private Frame[] _frameSet = null!;
    private BookChannelSession _session = null!;

    [GlobalSetup]
    public void Setup()
    {
        // As many different changes as a benchmark call reads, as the e2e stream sends them: no two in a row alike.
        _payloads = [.. Enumerable.Range(0, Messages).Select(i => BookNotifications.Change(BookNotifications.FirstChangeId + 1 + i, i))];
        _frameSet = [.. _payloads.Select(p => Frame.FromUtf8(p))];
        if (!_payloads.All(p => NotificationShortcut.TryReadChannel(p, out _, out _)))
        {
            throw new InvalidOperationException("A book change did not take the channel shortcut.");
        }

        _session = new BookChannelSession(new ChannelObserver(_subscriber, NullLogger.Instance));
    }

    [GlobalCleanup]
    public void Cleanup() => _session.Dispose();

    /// <summary>Every token of the frame through <see cref="Utf8JsonReader"/>: what any validating parse costs at least.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public int ReadTokens()
    {
        var tokens = 0;
        for (var i = 0; i < Messages; i++)
        {
            var reader = new Utf8JsonReader(_payloads[i], ReaderOptions);
            while (reader.Read())
            {
                tokens++;
            }
        }

        return tokens;
    }

    /// <summary>A document of the whole frame, never disposed (so the consumer's elements stay valid).</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public int ParseKept()
    {
        var kinds = 0;
        for (var i = 0; i < Messages; i++)
        {
#pragma warning disable CA2000 // Kept on purpose: this measures the document the way the session keeps it.
            kinds += (int)JsonDocument.Parse(_frameSet[i].Payload, DocumentOptions).RootElement.ValueKind;
#pragma warning restore CA2000
        }

        return kinds;
    }

    /// <summary>The same document, disposed: its rented buffer goes back to the pool.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public int ParseDisposed()
    {
        var kinds = 0;
        for (var i = 0; i < Messages; i++)
        {
            using var document = JsonDocument.Parse(_frameSet[i].Payload, DocumentOptions);
            kinds += (int)document.RootElement.ValueKind;
        }

        return kinds;
    }

    /// <summary>The whole-frame path (<see cref="JsonRpcMessage.Read"/>: a document of the frame, then the lookups by name), which every frame took before the channel shortcut.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public int ReadMessage()
    {
        var kinds = 0;
        for (var i = 0; i < Messages; i++)
        {
            kinds += (int)JsonRpcMessage.Read(_frameSet[i]).Kind;
        }

        return kinds;
    }

    /// <summary>The adapter's path: the envelope read by a reader, a document of <c>data</c> alone (<see cref="NotificationShortcut.TryReadChannel"/>).</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public int ReadChannel()
    {
        var kinds = 0;
        for (var i = 0; i < Messages; i++)
        {
            NotificationShortcut.TryReadChannel(_frameSet[i].Payload, out var channel, out var data);
            kinds += channel.Length + (int)data.ValueKind;
        }

        return kinds;
    }

    /// <summary>
    /// The pre-scan idea: a reader over the whole frame finds <c>params.data</c> (and validates everything), then a
    /// document of <c>data</c> alone. A lower bound of its cost: the envelope's checks are left out.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public int PrescanThenParseData()
    {
        var kinds = 0;
        for (var i = 0; i < Messages; i++)
        {
            var reader = new Utf8JsonReader(_payloads[i], ReaderOptions);
            int start = 0, length = 0;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 2 && reader.ValueTextEquals("data"u8))
                {
                    reader.Read();
                    start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    length = (int)reader.BytesConsumed - start;
                }
            }

#pragma warning disable CA2000 // Kept on purpose, as the session keeps its documents.
            kinds += (int)JsonDocument.Parse(_frameSet[i].Payload.Slice(start, length), DocumentOptions).RootElement.ValueKind;
#pragma warning restore CA2000
        }

        return kinds;
    }

    /// <summary>The default scheduler's clock, read once per message for <see cref="ChannelMessage{T}.ReceivedAt"/>.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public long SchedulerNow()
    {
        var ticks = 0L;
        for (var i = 0; i < Messages; i++)
        {
            ticks += _scheduler.Now.UtcTicks;
        }

        return ticks;
    }

    /// <summary>The frame through the session, the channel router and the subscriber guard to a subscriber reading <c>data.change_id</c>.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public long AdapterDelivery()
    {
        for (var i = 0; i < Messages; i++)
        {
            _session.Frames.OnNext(_frameSet[i]);
        }

        return _subscriber.Sum;
    }

    /// <summary>What the e2e contender does with each message.</summary>
    private sealed class ChangeIdObserver : IObserver<ChannelMessage<ChannelData>>
    {
        public long Sum { get; private set; }

        // The element, as Subscribe's delivery builds it for the subscriber.
        public void OnNext(ChannelMessage<ChannelData> value) => Sum += value.Data.Element.GetProperty("change_id").GetInt64();

        public void OnError(Exception error) => throw new InvalidOperationException("The benchmark stream failed.", error);

        public void OnCompleted()
        {
        }
    }
}
