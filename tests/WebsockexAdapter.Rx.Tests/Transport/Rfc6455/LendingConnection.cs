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

    private LendingConnection(Connection connection, Stream server)
    {
        Connection = connection;
        _server = server;
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
        return new LendingConnection(new Connection("lend-1", new Uri("ws://example.test/ws"), transport, options, NullLogger.Instance), server);
    }

    /// <summary>Writes bytes as the server; they wait in the pipe until the connection reads them.</summary>
    public void Write(byte[] bytes)
    {
        _server.Write(bytes);
        _server.Flush();
    }

    /// <summary>Starts the receive loop; returns what this thread allocated meanwhile.</summary>
    public long Start()
    {
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
