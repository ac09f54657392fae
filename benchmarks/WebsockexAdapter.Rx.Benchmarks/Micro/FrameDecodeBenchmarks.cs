using System.Net.WebSockets;
using BenchmarkDotNet.Attributes;
using WebsockexAdapter.Rx.Benchmarks.Loopback;

namespace WebsockexAdapter.Rx.Benchmarks.Micro;

/// <summary>The message sizes the decode benchmarks read.</summary>
public enum MessageSize
{
    /// <summary>A <c>book.BTC-PERPETUAL.100ms</c> change, about 270 bytes: one read into the receive buffer.</summary>
    BookChange,

    /// <summary>A 400-level book snapshot, about 18 KB: more than the 16 KB receive buffer, so it is assembled.</summary>
    BookSnapshot,
}

/// <summary>
/// The receive path from wire bytes to a <see cref="Frame"/>: <see cref="WebSocketMessageReader"/> over the same
/// <see cref="WebSocket"/> implementation <see cref="ClientWebSocket"/> uses, and the RFC 6455 transport's own
/// <see cref="FrameReader"/>, both fed from memory. The baseline is a bare
/// <see cref="WebSocket.ReceiveAsync(Memory{byte}, CancellationToken)"/> loop that only counts bytes.
/// </summary>
[MemoryDiagnoser]
#pragma warning disable CA1001 // BenchmarkDotNet releases the fields in [GlobalCleanup]; it never disposes a benchmark class.
public class FrameDecodeBenchmarks
#pragma warning restore CA1001
{
    private const int Messages = 64;

    private readonly byte[] _buffer = new byte[ClientOptions.DefaultReceiveBufferSize];
    private WebSocket _bare = null!;
    private WebSocket _framed = null!;
    private WebSocketMessageReader _reader = null!;
    private ReceiveBuffer _rfc6455Buffer = null!;
    private FrameReader _rfc6455 = null!;

    [Params(MessageSize.BookChange, MessageSize.BookSnapshot)]
    public MessageSize Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var wire = Size == MessageSize.BookChange
            ? Enumerable.Range(0, Messages).SelectMany(i => ServerFrames.Encode(ServerFrames.Text, BookNotifications.Change(BookNotifications.FirstChangeId + 1 + i, i))).ToArray()
            : ServerFrames.Encode(ServerFrames.Text, BookNotifications.Snapshot(BookNotifications.FirstChangeId, levels: 400));
        _bare = Open(wire);
        _framed = Open(wire);
        _reader = new WebSocketMessageReader(_framed, ClientOptions.DefaultReceiveBufferSize, ClientOptions.DefaultMaxMessageSize, KeepAliveOptions.DefaultPongTimeout);
        _rfc6455Buffer = new ReceiveBuffer(new LoopingStream(wire), Rfc6455Transport.MinReadSize);
        _rfc6455 = new FrameReader(_rfc6455Buffer, ClientOptions.DefaultMaxMessageSize);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _bare.Dispose();
        _framed.Dispose();
        _reader.Dispose();
        _rfc6455.Dispose();
        _rfc6455Buffer.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public async Task<long> BareReceive()
    {
        long bytes = 0;
        for (var i = 0; i < Messages; i++)
        {
            ValueWebSocketReceiveResult result;
            do
            {
                result = await _bare.ReceiveAsync(_buffer.AsMemory(), CancellationToken.None).ConfigureAwait(false);
                bytes += result.Count;
            }
            while (!result.EndOfMessage);
        }

        return bytes;
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public async Task<long> ReceiveFrame()
    {
        long bytes = 0;
        for (var i = 0; i < Messages; i++)
        {
            var frame = await _reader.ReceiveAsync(CancellationToken.None).ConfigureAwait(false);
            bytes += frame.Payload.Length;
        }

        return bytes;
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public async Task<long> ReceiveFrameAndText()
    {
        long characters = 0;
        for (var i = 0; i < Messages; i++)
        {
            var frame = await _reader.ReceiveAsync(CancellationToken.None).ConfigureAwait(false);
            characters += frame.Text.Length;
        }

        return characters;
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public async Task<long> Rfc6455Frame()
    {
        long bytes = 0;
        for (var i = 0; i < Messages; i++)
        {
            var frame = (await _rfc6455.ReadAsync(CancellationToken.None).ConfigureAwait(false)).ToFrame();
            bytes += frame.Payload.Length;
        }

        return bytes;
    }

    /// <summary>The same message lent out of the receive buffer, as a view observer gets it: nothing copied.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public async Task<long> Rfc6455Lent()
    {
        long bytes = 0;
        for (var i = 0; i < Messages; i++)
        {
            var message = await _rfc6455.ReadAsync(CancellationToken.None).ConfigureAwait(false);
            bytes += message.Payload.Length;
        }

        return bytes;
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public async Task<long> Rfc6455FrameAndText()
    {
        long characters = 0;
        for (var i = 0; i < Messages; i++)
        {
            var frame = (await _rfc6455.ReadAsync(CancellationToken.None).ConfigureAwait(false)).ToFrame();
            characters += frame.Text.Length;
        }

        return characters;
    }

    private static WebSocket Open(byte[] wire) =>
        WebSocket.CreateFromStream(new LoopingStream(wire), new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
}
