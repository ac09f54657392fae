using System.Buffers;
using Microsoft.Extensions.Logging.Abstractions;

namespace WebsockexAdapter.Rx.Tests.Transport.Rfc6455;

/// <summary>
/// A <see cref="Connection"/> over the RFC 6455 transport on an in-memory pipe, started only when the test says so. Its
/// reads complete at once while bytes are waiting, so frames written before <see cref="Start"/> are all received, on
/// the calling thread, inside that call: a test can count what receiving them allocated.
/// </summary>
internal sealed class LendingConnection : IDisposable
{
    private readonly Stream _server;
    private readonly int _receiveBufferSize;

    private LendingConnection(Connection connection, Stream server, ClientOptions options)
    {
        Connection = connection;
        _server = server;
        _receiveBufferSize = Math.Max(options.ReceiveBufferSize, Rfc6455Transport.MinReadSize);
    }

    public Connection Connection { get; }

    public static async Task<LendingConnection> OpenAsync()
    {
        var options = new ClientOptions { Scheduler = new TestScheduler(), KeepAlive = KeepAliveOptions.Disabled };
        var (client, server) = StreamPair.Create();
        var transport = new Rfc6455Transport(options);
        var request = UpgradeRequest.Create(new Uri("ws://example.test/ws"), options.RequestHeaders, options.SubProtocols);
        var answering = ServerWire.AcceptAsync(server);
        await transport.UpgradeAsync(client, request, CancellationToken.None).WaitAsync(InMemoryServer.Patience);
        await answering.WaitAsync(InMemoryServer.Patience);
        return new LendingConnection(new Connection("lend-1", new Uri("ws://example.test/ws"), transport, options, NullLogger.Instance), server, options);
    }

    /// <summary>Writes bytes as the server; they wait in the pipe until the connection reads them.</summary>
    public void Write(byte[] bytes)
    {
        _server.Write(bytes);
        _server.Flush();
    }

    /// <summary>Starts the receive loop; returns what this thread allocated meanwhile, its receive buffer aside.</summary>
    public long Start()
    {
        // The connection rents its receive buffer from the shared pool, once. Whether the pool has one spare for this
        // thread depends on the tests running beside this one (a 64 KiB array is 16 B a message over 4,000 messages),
        // so one is put in this thread's slot first: what is counted is what receiving cost, not the pool's luck.
        ArrayPool<byte>.Shared.Return(ArrayPool<byte>.Shared.Rent(_receiveBufferSize));
        var before = GC.GetAllocatedBytesForCurrentThread();
        Connection.Start();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>Ends the connection as a server that hangs up would, and waits for its end.</summary>
    public void Dispose()
    {
        _server.Dispose();
        if (Connection.ReceiveLoop is { } loop)
        {
            Assert.True(loop.Wait(InMemoryServer.Patience), "the receive loop did not end");
        }
    }
}
