using System.Net;
using System.Net.Security;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using WebsockexAdapter.Rx.Tests.Loopback;

namespace WebsockexAdapter.Rx.Tests.Transport.Rfc6455;

/// <summary>
/// The default transport through an HTTP proxy (<see cref="ConnectProxy"/>, relaying to a loopback server): the tunnel
/// is opened with CONNECT to the server's host and port (with Basic credentials when the proxy has them), ws:// and
/// wss:// work through it with the server's name as SNI, a refusal is a <see cref="ProxyRejectedException"/> retried
/// or not by its status, a silent proxy times out, and a bypassed host goes straight to the server.
/// </summary>
public sealed class Rfc6455ProxyTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task ThroughAProxy_FramesCrossBothWays_AndTheProxySawConnectToTheServer()
    {
        await using var server = await LoopbackServer.StartAsync(socket => socket.EchoUntilClosedAsync());
        await using var proxy = ConnectProxy.Relaying(server.Uri.Port);
        using var client = Client(server.Uri, o => o with { Proxy = proxy.Proxy() });
        var frames = TestStreams.Record(client.Frames);
        await client.States.FirstAsync(s => s.Status == ConnectionStatus.Connected).ToTask().WaitAsync(Patience);

        await client.SendTextAsync("through the tunnel");
        await client.SendAsync(Frame.FromBinary(new byte[] { 1, 2, 3 }));
        var echoed = await frames.Take(2).ToList().ToTask().WaitAsync(Patience);

        Assert.Equal("through the tunnel", echoed[0].Text);
        Assert.Equal([1, 2, 3], echoed[1].Payload.ToArray());
        var request = Assert.Single(proxy.Requests);
        Assert.StartsWith($"CONNECT 127.0.0.1:{server.Uri.Port} HTTP/1.1\r\n", request, StringComparison.Ordinal);
        Assert.Equal($"127.0.0.1:{server.Uri.Port}", ServerWire.Header(request, "Host"));
        Assert.Null(ServerWire.Header(request, "Proxy-Authorization"));
        Assert.Equal(1, server.Upgrades);
    }

    [Fact]
    public async Task WithCredentials_TheConnectCarriesBasicProxyAuthorization()
    {
        await using var server = await LoopbackServer.StartAsync(socket => socket.EchoUntilClosedAsync());
        await using var proxy = ConnectProxy.Relaying(server.Uri.Port);
        using var client = Client(server.Uri, o => o with { Proxy = proxy.Proxy(new NetworkCredential("trader", "s3cret")) });

        await client.States.FirstAsync(s => s.Status == ConnectionStatus.Connected).ToTask().WaitAsync(Patience);

        var request = Assert.Single(proxy.Requests);
        Assert.Equal("Basic " + Convert.ToBase64String("trader:s3cret"u8.ToArray()), ServerWire.Header(request, "Proxy-Authorization"));
    }

    [Fact]
    public async Task A407_IsAProxyRejection_ThatIsNotRetried_AndQuotesNoCredential()
    {
        await using var proxy = ConnectProxy.Answering("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"corp\"\r\nContent-Length: 0\r\n\r\n");
        using var client = Client(new Uri("ws://127.0.0.1:9/ws"), o => o with
        {
            Proxy = proxy.Proxy(new NetworkCredential("trader", "s3cret")),
            ReconnectOnError = true,
            Backoff = TestStreams.Immediately,
        });

        var faulted = await client.States.FirstAsync(s => s.Status == ConnectionStatus.Faulted).ToTask().WaitAsync(Patience);

        var rejected = Assert.IsType<ProxyRejectedException>(faulted.Error);
        Assert.Equal(HttpStatusCode.ProxyAuthenticationRequired, rejected.StatusCode);
        Assert.False(rejected.IsTransient);
        Assert.Contains($"127.0.0.1:{proxy.Address.Port}", rejected.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", rejected.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String("trader:s3cret"u8.ToArray()), rejected.Message, StringComparison.Ordinal);
        Assert.Single(proxy.Requests);
    }

    [Fact]
    public async Task AProxyThatRefusesTcp_IsAConnectFailure_ThatNamesTheProxy_NotTheServer()
    {
        // A port nothing listens on: bound, then released.
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var proxy = new WebProxy($"http://127.0.0.1:{closedPort}") { BypassProxyOnLocal = false };
        using var client = Client(new Uri("ws://127.0.0.1:9/ws"), o => o with { Proxy = proxy });

        var faulted = await client.States.FirstAsync(s => s.Status == ConnectionStatus.Faulted).ToTask().WaitAsync(Patience);

        var failed = Assert.IsType<ConnectFailedException>(faulted.Error);
        Assert.Contains($"the proxy http://127.0.0.1:{closedPort}/", failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ws://", failed.Message, StringComparison.Ordinal);
        Assert.True(failed.IsTransient);
    }

    [Fact]
    public async Task A502_IsAProxyRejection_ThatIsRetried()
    {
        await using var proxy = ConnectProxy.Answering("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n");
        using var client = Client(new Uri("ws://127.0.0.1:9/ws"), o => o with { Proxy = proxy.Proxy(), ReconnectOnError = true, Backoff = TestStreams.Immediately });
        var states = TestStreams.Record(client.States);

        var reconnecting = await states.FirstAsync(s => s.Status == ConnectionStatus.Reconnecting).ToTask().WaitAsync(Patience);
        await proxy.WaitForRequestsAsync(2, Patience);

        var rejected = Assert.IsType<ProxyRejectedException>(reconnecting.Error);
        Assert.Equal(HttpStatusCode.BadGateway, rejected.StatusCode);
        Assert.True(rejected.IsTransient);
    }

    [Fact]
    public async Task BytesRightAfterTheProxysAnswer_AreReadAsTheServersAnswer()
    {
        // The tunnel's first bytes come in the same segment as the 200: a lost byte would leave the client waiting.
        await using var proxy = ConnectProxy.Answering("HTTP/1.1 200 OK\r\n\r\nHTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
        using var client = Client(new Uri("ws://127.0.0.1:9/ws"), o => o with { Proxy = proxy.Proxy() });

        var end = await TestStreams.EndOf(client.Connections).WaitAsync(Patience);

        var rejected = Assert.IsType<HandshakeRejectedException>(end.Exception);
        Assert.Equal(HttpStatusCode.Forbidden, rejected.StatusCode);
    }

    [Theory]
    [InlineData("bytes before the TLS handshake", "HTTP/1.1 200 OK\r\n\r\n\x16\x03\x01")]
    [InlineData("not HTTP", "SSH-2.0-OpenSSH\r\n\r\n")]
    public async Task AnAnswerThatIsNotATunnel_IsAProtocolViolation(string bad, string answer)
    {
        Assert.NotEmpty(bad);
        await using var proxy = ConnectProxy.Answering(answer);
        using var client = Client(new Uri("wss://127.0.0.1:9/ws"), o => o with { Proxy = proxy.Proxy() });

        var end = await TestStreams.EndOf(client.Connections).WaitAsync(Patience);

        Assert.IsType<ProtocolViolationException>(end.Exception);
    }

    [Fact]
    public async Task AProxyThatNeverAnswersTheConnect_EndsInConnectTimeout()
    {
        await using var proxy = ConnectProxy.Silent();
        using var client = Client(new Uri("ws://127.0.0.1:9/ws"), o => o with { Proxy = proxy.Proxy(), ConnectTimeout = TimeSpan.FromMilliseconds(300) });

        var end = await TestStreams.EndOf(client.Connections).WaitAsync(Patience);

        var timeout = Assert.IsType<ConnectTimeoutException>(end.Exception);
        Assert.Equal(TimeSpan.FromMilliseconds(300), timeout.Timeout);
        // The proxy records the CONNECT on its own accept and read, which a loaded machine can run after the client's
        // 300 ms have passed; the request stays readable after the client hangs up.
        await proxy.WaitForRequestsAsync(1, Patience);
        Assert.Single(proxy.Requests);
    }

    [Theory]
    [InlineData("bypass on local")]
    [InlineData("bypass list")]
    [InlineData("no address")]
    public async Task ABypassedHost_GoesStraightToTheServer(string bypass)
    {
        await using var server = await LoopbackServer.StartAsync(socket => socket.EchoUntilClosedAsync());
        await using var proxy = ConnectProxy.Relaying(server.Uri.Port);
        var webProxy = bypass switch
        {
            "bypass on local" => new WebProxy(proxy.Address, BypassOnLocal: true),
            "bypass list" => new WebProxy(proxy.Address, BypassOnLocal: false, BypassList: [@"127\.0\.0\.1"]),
            _ => new WebProxy(),
        };
        using var client = Client(server.Uri, o => o with { Proxy = webProxy });
        var frames = TestStreams.Record(client.Frames);
        await client.States.FirstAsync(s => s.Status == ConnectionStatus.Connected).ToTask().WaitAsync(Patience);

        await client.SendTextAsync("direct");
        var echoed = await frames.FirstAsync().ToTask().WaitAsync(Patience);

        Assert.Equal("direct", echoed.Text);
        Assert.Empty(proxy.Requests);
    }

    [Fact]
    public async Task Wss_ThroughAProxy_TunnelsTls_WithTheServersNameAsSni()
    {
        await using var server = await TlsEchoServer.StartAsync(["localhost"]);
        await using var proxy = ConnectProxy.Relaying(server.Port);
        var thumbprint = server.Certificate.GetCertHashString();
        RemoteCertificateValidationCallback trust = (_, certificate, _, _) => certificate?.GetCertHashString() == thumbprint;
        using var client = Client(server.UriFor("localhost"), o => o with { Proxy = proxy.Proxy(), RemoteCertificateValidation = trust });
        var frames = TestStreams.Record(client.Frames);
        await client.States.FirstAsync(s => s.Status == ConnectionStatus.Connected).ToTask().WaitAsync(Patience);

        await client.SendTextAsync("hello over tls, through the proxy");
        var echoed = await frames.FirstAsync().ToTask().WaitAsync(Patience);

        Assert.Equal("hello over tls, through the proxy", echoed.Text);
        Assert.StartsWith($"CONNECT localhost:{server.Port} HTTP/1.1\r\n", Assert.Single(proxy.Requests), StringComparison.Ordinal);
        Assert.Equal(["localhost"], server.ServerNames);
    }

    [Fact]
    public async Task TheClientWebSocketTransport_GoesThroughTheProxyOfTheOptions_Too()
    {
        await using var server = await TlsEchoServer.StartAsync(["localhost"]);
        await using var proxy = ConnectProxy.Relaying(server.Port);
        var thumbprint = server.Certificate.GetCertHashString();
        using var client = Client(server.UriFor("localhost"), o => o with
        {
            TransportFactory = ClientWebSocketTransportFactory.Instance,
            Proxy = proxy.Proxy(),
            RemoteCertificateValidation = (_, certificate, _, _) => certificate?.GetCertHashString() == thumbprint,
        });

        await client.States.FirstAsync(s => s.Status == ConnectionStatus.Connected).ToTask().WaitAsync(Patience);

        Assert.StartsWith($"CONNECT localhost:{server.Port} HTTP/1.1\r\n", Assert.Single(proxy.Requests), StringComparison.Ordinal);
    }

    private static WebSocketClient Client(Uri uri, Func<ClientOptions, ClientOptions> configure) => new(uri, configure(new ClientOptions
    {
        TransportFactory = Rfc6455TransportFactory.Instance,
        ReconnectOnError = false,
        KeepAlive = KeepAliveOptions.Disabled,
    }));
}
