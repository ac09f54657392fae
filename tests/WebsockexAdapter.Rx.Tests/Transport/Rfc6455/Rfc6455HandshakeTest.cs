using System.Net;
using System.Text;

namespace WebsockexAdapter.Rx.Tests.Transport.Rfc6455;

/// <summary>
/// The opening handshake (RFC 6455, section 4): the request the client writes, and every way the server's answer is
/// checked, both on whole answers and over an in-memory connection for the answer's size and pace.
/// </summary>
public sealed class Rfc6455HandshakeTest
{
    private static readonly Dictionary<string, string> NoHeaders = [];

    public static TheoryData<string, string, string> BadUpgrades => new()
    {
        { "a wrong accept key", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n", "Sec-WebSocket-Accept" },
        { "no accept key", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n", "Sec-WebSocket-Accept" },
        { "no Upgrade header", "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n", "Upgrade: websocket" },
        { "an upgrade to another protocol", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n", "Upgrade: websocket" },
        { "no Connection: Upgrade", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: keep-alive\r\nSec-WebSocket-Accept: {accept}\r\n\r\n", "Connection: Upgrade" },
        { "an extension nobody offered", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n", "extension" },
        { "a sub-protocol nobody offered", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\nSec-WebSocket-Protocol: mqtt\r\n\r\n", "sub-protocol 'mqtt'" },
        { "two sub-protocols", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\nSec-WebSocket-Protocol: json, v2\r\n\r\n", "sub-protocol 'json, v2'" },
        { "a status line that is not HTTP/1.1", "HTTP/2 101\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n", "HTTP/1.1" },
        { "not HTTP at all", "SSH-2.0-OpenSSH_9.2\r\n\r\n", "HTTP/1.1" },
        { "a header line without a name", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n: nameless\r\n\r\n", "no name" },
        { "a header line without a colon", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\nX-Broken\r\n\r\n", "no name" },
    };

    [Fact]
    public void Request_AsksForVersion13WithAFreshRandomKey()
    {
        var first = Text(UpgradeRequest.Create(new Uri("ws://example.test:8080/ws/api?x=1&y=%20"), NoHeaders, []));
        var second = Text(UpgradeRequest.Create(new Uri("ws://example.test:8080/ws/api?x=1&y=%20"), NoHeaders, []));

        Assert.StartsWith("GET /ws/api?x=1&y=%20 HTTP/1.1\r\n", first, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n", first, StringComparison.Ordinal);
        Assert.Equal("example.test:8080", ServerWire.Header(first, "Host"));
        Assert.Equal("websocket", ServerWire.Header(first, "Upgrade"));
        Assert.Equal("Upgrade", ServerWire.Header(first, "Connection"));
        Assert.Equal("13", ServerWire.Header(first, "Sec-WebSocket-Version"));
        Assert.Null(ServerWire.Header(first, "Sec-WebSocket-Extensions"));
        Assert.Null(ServerWire.Header(first, "Sec-WebSocket-Protocol"));
        Assert.Equal(16, Convert.FromBase64String(ServerWire.Header(first, "Sec-WebSocket-Key")!).Length);
        Assert.NotEqual(ServerWire.Header(first, "Sec-WebSocket-Key"), ServerWire.Header(second, "Sec-WebSocket-Key"));
    }

    [Theory]
    [InlineData("wss://example.test/ws", "example.test")]
    [InlineData("ws://example.test:80/", "example.test")]
    [InlineData("ws://[::1]:9000/", "[::1]:9000")]
    [InlineData("wss://bücher.example/", "xn--bcher-kva.example")]
    public void Request_NamesTheHostAsTheServerKnowsIt(string uri, string host)
    {
        Assert.Equal(host, ServerWire.Header(Text(UpgradeRequest.Create(new Uri(uri), NoHeaders, [])), "Host"));
    }

    [Fact]
    public void Request_CarriesTheOptionsHeadersAndSubProtocols()
    {
        var request = Text(UpgradeRequest.Create(new Uri("ws://example.test/"), new Dictionary<string, string> { ["X-Api-Key"] = "k 1", ["Origin"] = "https://me.test" }, ["json", "v2.feed"]));

        Assert.Equal("k 1", ServerWire.Header(request, "X-Api-Key"));
        Assert.Equal("https://me.test", ServerWire.Header(request, "Origin"));
        Assert.Equal("json, v2.feed", ServerWire.Header(request, "Sec-WebSocket-Protocol"));
    }

    [Theory]
    [InlineData("X-Bad\r\nInjected", "secret-1")]
    [InlineData("X-Space Name", "secret-2")]
    [InlineData("X-Ok", "secret\r\nInjected: 1")]
    [InlineData("Sec-WebSocket-Key", "secret-3")]
    [InlineData("host", "secret-4")]
    public void Request_RefusesAHeaderThatWouldBreakOrContradictIt(string name, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => UpgradeRequest.Create(new Uri("ws://example.test/"), new Dictionary<string, string> { [name] = value }, []));

        // Header values often carry credentials: the message names the header, never its value.
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Request_RefusesASubProtocolThatIsNotAToken()
    {
        Assert.Throws<ArgumentException>(() => UpgradeRequest.Create(new Uri("ws://example.test/"), NoHeaders, ["a b"]));
    }

    [Fact]
    public void Answer_ThatUpgrades_IsAccepted_WithHeadersInAnyCase()
    {
        var request = UpgradeRequest.Create(new Uri("ws://example.test/"), NoHeaders, []);

        var chosen = UpgradeResponse.Check(
            $"HTTP/1.1 101 Whatever\r\nupgrade: WebSocket\r\nconnection: keep-alive, upgrade\r\nsec-websocket-accept: {request.ExpectedAccept}\r\nServer: x\r\n\r\n",
            request);

        Assert.Null(chosen);
    }

    [Fact]
    public void Answer_ChoosingAnOfferedSubProtocol_ReturnsIt()
    {
        var request = UpgradeRequest.Create(new Uri("ws://example.test/"), NoHeaders, ["json", "v2"]);

        Assert.Equal("v2", UpgradeResponse.Check(Answer(request, "Sec-WebSocket-Protocol: v2\r\n"), request));
    }

    [Theory]
    [InlineData("HTTP/1.1 101\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n")] // no reason phrase
    [InlineData("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: keep-alive\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n")] // Connection repeated
    [InlineData("HTTP/1.1 101 Switching Protocols\r\nUpgrade:websocket\r\nConnection:  Upgrade \r\nSec-WebSocket-Accept:{accept}\r\nSec-WebSocket-Extensions:\r\n\r\n")] // spacing, an empty list
    public void Answer_ThatUpgradesInAnotherValidForm_IsAccepted(string answer)
    {
        var request = UpgradeRequest.Create(new Uri("ws://example.test/"), NoHeaders, []);

        Assert.Null(UpgradeResponse.Check(answer.Replace("{accept}", request.ExpectedAccept, StringComparison.Ordinal), request));
    }

    [Fact]
    public void Answer_ChoosingOneSubProtocolInTwoHeaders_IsAProtocolViolation()
    {
        var request = UpgradeRequest.Create(new Uri("ws://example.test/"), NoHeaders, ["json", "v2"]);

        Assert.Throws<ProtocolViolationException>(() => UpgradeResponse.Check(Answer(request, "Sec-WebSocket-Protocol: json\r\nSec-WebSocket-Protocol: v2\r\n"), request));
    }

    [Theory]
    [MemberData(nameof(BadUpgrades))]
    public void Answer_ThatIsNotAValidUpgrade_IsAProtocolViolation(string bad, string answer, string says)
    {
        var request = UpgradeRequest.Create(new Uri("ws://example.test/"), NoHeaders, ["json", "v2"]);

        var error = Assert.Throws<ProtocolViolationException>(() => UpgradeResponse.Check(answer.Replace("{accept}", request.ExpectedAccept, StringComparison.Ordinal), request));

        Assert.Contains("upgrade", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(bad));
    }

    [Theory]
    [InlineData(200, true)]
    [InlineData(301, true)]
    [InlineData(401, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(429, true)]
    [InlineData(503, true)]
    public void Answer_WithAnotherStatus_IsAHandshakeRejectionWithThatStatus(int status, bool transient)
    {
        var request = UpgradeRequest.Create(new Uri("ws://example.test/"), NoHeaders, []);

        var error = Assert.Throws<HandshakeRejectedException>(() => UpgradeResponse.Check($"HTTP/1.1 {status} No\r\nContent-Length: 0\r\n\r\n", request));

        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Equal(transient, error.IsTransient);
    }

    [Fact]
    public async Task Answer_ArrivingOneByteAtATime_IsReadWhole_AndTheFramesAfterItAreKept()
    {
        var (client, server) = StreamPair.Create();
        using (client)
        using (server)
        {
            var request = UpgradeRequest.Create(new Uri("ws://example.test/"), NoHeaders, []);
            using var buffer = new ReceiveBuffer(client, Rfc6455Transport.MinReadSize);
            var reading = UpgradeResponse.ReadAsync(buffer, request, CancellationToken.None).AsTask();
            foreach (var b in Encoding.ASCII.GetBytes(Answer(request)).Concat(ServerWire.Frame(ServerWire.Text, "x"u8)))
            {
                await ServerWire.WriteAsync(server, [b]);
            }

            Assert.Null(await reading.WaitAsync(InMemoryServer.Patience));
            while (buffer.Length < 3)
            {
                await buffer.FillAsync(CancellationToken.None).AsTask().WaitAsync(InMemoryServer.Patience);
            }

            Assert.Equal(ServerWire.Frame(ServerWire.Text, "x"u8), buffer.Data.ToArray());
        }
    }

    [Fact]
    public async Task Answer_WithAHeaderOverTheLimit_IsRefused_WithoutWaitingForItsEnd()
    {
        var (client, server) = StreamPair.Create();
        using (client)
        using (server)
        {
            var request = UpgradeRequest.Create(new Uri("ws://example.test/"), NoHeaders, []);
            using var buffer = new ReceiveBuffer(client, Rfc6455Transport.MinReadSize);

            // A status line and headers that go on and on: no blank line ever comes.
            var filler = string.Concat(Enumerable.Repeat("X-Filler: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n", 400));
            await ServerWire.WriteAsync(server, Encoding.ASCII.GetBytes("HTTP/1.1 101 Switching Protocols\r\n" + filler));

            var error = await Assert.ThrowsAsync<ProtocolViolationException>(() => UpgradeResponse.ReadAsync(buffer, request, CancellationToken.None).AsTask().WaitAsync(InMemoryServer.Patience));
            Assert.Contains($"{HttpHead.MaxSize}", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    public async Task Answer_OfTheMostAHeadMayTake_IsRead_AndOneByteMoreIsRefused(int overLimit)
    {
        var (client, server) = StreamPair.Create();
        using (client)
        using (server)
        {
            var request = UpgradeRequest.Create(new Uri("ws://example.test/"), NoHeaders, []);
            using var buffer = new ReceiveBuffer(client, 4 * HttpHead.MaxSize);
            var answer = Answer(request);
            var padding = HttpHead.MaxSize + overLimit - answer.Length - "X-Pad: \r\n".Length;
            await ServerWire.WriteAsync(server, Encoding.ASCII.GetBytes(Answer(request, $"X-Pad: {new string('p', padding)}\r\n")));

            var reading = UpgradeResponse.ReadAsync(buffer, request, CancellationToken.None).AsTask().WaitAsync(InMemoryServer.Patience);

            if (overLimit > 0)
            {
                await Assert.ThrowsAsync<ProtocolViolationException>(() => reading);
            }
            else
            {
                Assert.Null(await reading);
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Answer_WhoseBlankLineIsSplitBetweenReads_IsFound(int lastPart)
    {
        var (client, server) = StreamPair.Create();
        using (client)
        using (server)
        {
            var request = UpgradeRequest.Create(new Uri("ws://example.test/"), NoHeaders, []);
            using var buffer = new ReceiveBuffer(client, Rfc6455Transport.MinReadSize);
            var answer = Encoding.ASCII.GetBytes(Answer(request));

            // The first part is surely read before the rest is written: the search must resume inside the blank line.
            await ServerWire.WriteAsync(server, answer[..^lastPart]);
            while (buffer.Length < answer.Length - lastPart)
            {
                await buffer.FillAsync(CancellationToken.None).AsTask().WaitAsync(InMemoryServer.Patience);
            }

            var reading = UpgradeResponse.ReadAsync(buffer, request, CancellationToken.None).AsTask();
            await ServerWire.WriteAsync(server, answer[^lastPart..]);

            Assert.Null(await reading.WaitAsync(InMemoryServer.Patience));
        }
    }

    [Fact]
    public async Task Answer_NeverComing_BecauseTheServerHungUp_IsAnIOError()
    {
        var (client, server) = StreamPair.Create();
        using (client)
        {
            var request = UpgradeRequest.Create(new Uri("ws://example.test/"), NoHeaders, []);
            using var buffer = new ReceiveBuffer(client, Rfc6455Transport.MinReadSize);
            await ServerWire.WriteAsync(server, "HTTP/1.1 101 Swi"u8.ToArray());
            server.Dispose();

            await Assert.ThrowsAsync<IOException>(() => UpgradeResponse.ReadAsync(buffer, request, CancellationToken.None).AsTask().WaitAsync(InMemoryServer.Patience));
        }
    }

    [Fact]
    public async Task Transport_ReportsTheSubProtocolTheServerChose()
    {
        using var server = await InMemoryServer.ConnectAsync(new ClientOptions { SubProtocols = ["json", "v2"] }, "Sec-WebSocket-Protocol: json\r\n");

        Assert.Equal("json", server.Transport.SubProtocol);
    }

    private static string Answer(UpgradeRequest request, string extraHeaders = "") =>
        $"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {request.ExpectedAccept}\r\n{extraHeaders}\r\n";

    private static string Text(UpgradeRequest request) => Encoding.Latin1.GetString(request.Bytes);
}
