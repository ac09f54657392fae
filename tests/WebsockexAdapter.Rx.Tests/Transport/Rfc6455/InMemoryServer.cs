namespace WebsockexAdapter.Rx.Tests.Transport.Rfc6455;

/// <summary>A transport upgraded over an in-memory <see cref="StreamPair"/>, and the server's end of it.</summary>
internal sealed class InMemoryServer : IDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private InMemoryServer(Rfc6455Transport transport, Stream server)
    {
        Transport = transport;
        Stream = server;
    }

    public Rfc6455Transport Transport { get; }

    /// <summary>The server's end: write frames with <see cref="ServerWire"/>, read the client's back.</summary>
    public Stream Stream { get; }

    /// <summary>Connects a transport; the server answers the upgrade with a correct 101 plus <paramref name="extraHeaders"/>.</summary>
    public static async Task<InMemoryServer> ConnectAsync(ClientOptions? options = null, string extraHeaders = "")
    {
        options ??= new ClientOptions();
        var (client, server) = StreamPair.Create();
        var transport = new Rfc6455Transport(options);
        var request = UpgradeRequest.Create(new Uri("ws://example.test/ws"), options.RequestHeaders, options.SubProtocols);
        var answering = ServerWire.AcceptAsync(server, extraHeaders);
        await transport.UpgradeAsync(client, request, CancellationToken.None).WaitAsync(Patience);
        await answering.WaitAsync(Patience);
        return new InMemoryServer(transport, server);
    }

    public Task SendAsync(byte[] bytes) => ServerWire.WriteAsync(Stream, bytes).WaitAsync(Patience);

    public Task<Frame> ReceiveAsync() => Transport.ReceiveAsync(CancellationToken.None).AsTask().WaitAsync(Patience);

    public Task<ClientFrame> ReadClientFrameAsync() => ServerWire.ReadFrameAsync(Stream).WaitAsync(Patience);

    public void Dispose()
    {
        Transport.Dispose();
        Stream.Dispose();
    }
}
