using System.Collections.Concurrent;
using System.Net;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using System.Text;

namespace WebsockexAdapter.Rx.Tests.Transport.Rfc6455;

/// <summary>
/// The transport behind a <see cref="WebSocketClient"/> against a raw TCP server that misbehaves on purpose: each
/// broken handshake or forbidden frame ends the connection with its typed error, the server hears the close code
/// RFC 6455 asks for, and what came before the bad frame was delivered. Plus what only a real socket shows: the
/// sub-protocol and headers on the wire, a host name resolved, keep-alive pings answered.
/// </summary>
public sealed class Rfc6455RawServerTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    public static TheoryData<string, byte[], int> ForbiddenFrames => new()
    {
        { "a masked server frame", ServerWire.Frame(ServerWire.Text, "hi"u8, masked: true), 1002 },
        { "a fragmented control frame", ServerWire.Frame(ServerWire.Ping, [1], fin: false), 1002 },
        { "an invalid close code", ServerWire.CloseFrame(1005), 1002 },
        { "invalid UTF-8", ServerWire.Frame(ServerWire.Text, [0x7B, 0xC3, 0x28, 0x7D]), 1007 },
        { "invalid UTF-8 across fragments", [.. ServerWire.Frame(ServerWire.Text, [0x61, 0xE2], fin: false), .. ServerWire.Frame(ServerWire.Continuation, [0x28, 0x61])], 1007 },
        { "reserved bits", ServerWire.Frame(ServerWire.Text, "hi"u8, reserved: 0b010), 1002 },
    };

    [Theory]
    [InlineData("a wrong accept key")]
    [InlineData("a header over 16 KiB")]
    public async Task AnUpgradeThatIsNotOne_IsAProtocolViolation_AndTheSocketIsReleased(string bad)
    {
        var hungUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = RawTcpServer.Start(async (stream, _) =>
        {
            var request = await ServerWire.ReadRequestAsync(stream);
            var answer = bad == "a wrong accept key"
                ? ServerWire.Upgrade(request).Replace(ServerWire.AcceptFor(ServerWire.Header(request, "Sec-WebSocket-Key")!), "dGhlIHNhbXBsZSBub25jZQ==", StringComparison.Ordinal)
                : "HTTP/1.1 101 Switching Protocols\r\n" + string.Concat(Enumerable.Repeat("X-Filler: " + new string('a', 90) + "\r\n", 200));
            await ServerWire.WriteAsync(stream, Encoding.ASCII.GetBytes(answer));
            await ServerWire.WaitForHangUpAsync(stream);
            hungUp.TrySetResult();
        });
        using var client = Client(server.Uri);

        var end = await TestStreams.EndOf(client.Connections).WaitAsync(Patience);

        Assert.IsType<ProtocolViolationException>(end.Exception);
        await hungUp.Task.WaitAsync(Patience);
    }

    [Theory]
    [InlineData(404, false)]
    [InlineData(503, true)]
    public async Task AnAnswerWithAnotherStatus_IsAHandshakeRejection(int status, bool transient)
    {
        await using var server = RawTcpServer.Start(async (stream, _) =>
        {
            await ServerWire.ReadRequestAsync(stream);
            await ServerWire.WriteAsync(stream, Encoding.ASCII.GetBytes($"HTTP/1.1 {status} Nope\r\nContent-Length: 4\r\n\r\nnope"));
            await ServerWire.WaitForHangUpAsync(stream);
        });
        using var client = Client(server.Uri);

        var end = await TestStreams.EndOf(client.Connections).WaitAsync(Patience);

        var rejected = Assert.IsType<HandshakeRejectedException>(end.Exception);
        Assert.Equal((HttpStatusCode)status, rejected.StatusCode);
        Assert.Equal(transient, rejected.IsTransient);
    }

    [Theory]
    [MemberData(nameof(ForbiddenFrames))]
    public async Task AForbiddenFrame_EndsTheConnectionWithAProtocolViolation_AndItsCloseCode(string bad, byte[] frame, int closeCode)
    {
        var heard = new TaskCompletionSource<int?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = RawTcpServer.Start(async (stream, _) =>
        {
            await ServerWire.AcceptAsync(stream);
            await ServerWire.WriteAsync(stream, [.. ServerWire.Frame(ServerWire.Text, "before"u8), .. frame]);
            heard.TrySetResult((await ServerWire.ReadUntilCloseAsync(stream))?.CloseCode);
        });
        using var client = Client(server.Uri);
        var frames = new List<string>();
        using var subscription = client.Frames.Subscribe(f => frames.Add(f.Text), _ => { });

        var faulted = await client.States.FirstAsync(s => s.Status == ConnectionStatus.Faulted).ToTask().WaitAsync(Patience);

        Assert.IsType<ProtocolViolationException>(faulted.Error);
        Assert.Equal(["before"], frames);
        Assert.Equal(closeCode, await heard.Task.WaitAsync(Patience));
        Assert.False(string.IsNullOrEmpty(bad));
    }

    [Fact]
    public async Task FramesWrittenWithThe101_AreDelivered()
    {
        await using var server = RawTcpServer.Start(async (stream, _) =>
        {
            var request = await ServerWire.ReadRequestAsync(stream);
            await ServerWire.WriteAsync(stream, [.. Encoding.ASCII.GetBytes(ServerWire.Upgrade(request)), .. ServerWire.Frame(ServerWire.Text, "at once"u8)]);
            await ServerWire.ReadUntilCloseAsync(stream);
        });
        using var client = Client(server.Uri);

        var first = await client.Frames.FirstAsync().ToTask().WaitAsync(Patience);

        Assert.Equal("at once", first.Text);
    }

    [Fact]
    public async Task RequestHeadersAndSubProtocols_GoOnTheWire_AndTheChosenOneIsReported()
    {
        var request = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = RawTcpServer.Start(async (stream, _) =>
        {
            request.TrySetResult(await ServerWire.AcceptAsync(stream, "Sec-WebSocket-Protocol: v2\r\n"));
            await ServerWire.ReadUntilCloseAsync(stream);
        });
        using var client = Client(server.Uri, o => o with
        {
            RequestHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer t0ken" },
            SubProtocols = ["json", "v2"],
        });

        var connection = await client.Connections.FirstAsync().ToTask().WaitAsync(Patience);
        var sent = await request.Task.WaitAsync(Patience);

        Assert.Equal("v2", connection.SubProtocol);
        Assert.Equal("Bearer t0ken", ServerWire.Header(sent, "Authorization"));
        Assert.Equal("json, v2", ServerWire.Header(sent, "Sec-WebSocket-Protocol"));
        Assert.Equal($"127.0.0.1:{server.Port}", ServerWire.Header(sent, "Host"));
    }

    [Fact]
    public async Task AHostName_IsResolved_AndItsAddressesTriedUntilOneAnswers()
    {
        // localhost may resolve to ::1 first, where nothing listens: the next address, 127.0.0.1, must be tried.
        await using var server = RawTcpServer.Start(async (stream, _) =>
        {
            await ServerWire.AcceptAsync(stream);
            await ServerWire.WriteAsync(stream, ServerWire.Frame(ServerWire.Text, "found"u8));
            await ServerWire.ReadUntilCloseAsync(stream);
        });
        using var client = Client(new Uri($"ws://localhost:{server.Port}/ws"));

        var first = await client.Frames.FirstAsync().ToTask().WaitAsync(Patience);

        Assert.Equal("found", first.Text);
    }

    [Fact]
    public async Task KeepAlivePings_GoOutOnTheInterval_AndAnsweredOnesKeepTheConnection()
    {
        const int Pings = 30;
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = RawTcpServer.Start(async (stream, _) =>
        {
            await ServerWire.AcceptAsync(stream);
            for (var i = 0; i < Pings; i++)
            {
                var ping = await ServerWire.ReadFrameAsync(stream);
                Assert.Equal(ServerWire.Ping, ping.Opcode);
                await ServerWire.WriteAsync(stream, ServerWire.Frame(ServerWire.Pong, ping.Payload));
            }

            answered.TrySetResult();
            await ServerWire.ReadUntilCloseAsync(stream);
        });

        // 30 pings take 1.5 s, past the 1 s pong timeout: had the pongs counted for nothing, the first ping's deadline
        // would have ended the connection before the last ping.
        using var client = Client(server.Uri, o => o with
        {
            KeepAlive = new KeepAliveOptions { Interval = TimeSpan.FromMilliseconds(50), PongTimeout = TimeSpan.FromSeconds(1) },
        });
        // Pongs keep arriving on the receive loop while the test asserts: a concurrent collection, read as a snapshot.
        var kinds = new ConcurrentQueue<FrameKind>();
        using var subscription = client.Frames.Subscribe(f => kinds.Enqueue(f.Kind), _ => { });
        var faulted = client.States.FirstAsync(s => s.Status == ConnectionStatus.Faulted).ToTask();

        var first = await Task.WhenAny(answered.Task, faulted).WaitAsync(Patience);

        Assert.True(first == answered.Task, $"the connection ended: {client.CurrentState.Error?.Message}");
        Assert.Equal(ConnectionStatus.Connected, client.CurrentState.Status);
        Assert.Empty(server.ScriptErrors);
        Assert.All(kinds.ToArray(), k => Assert.Equal(FrameKind.Pong, k));
    }

    private static WebSocketClient Client(Uri uri, Func<ClientOptions, ClientOptions>? configure = null)
    {
        var options = new ClientOptions
        {
            TransportFactory = Rfc6455TransportFactory.Instance,
            ReconnectOnError = false,
            KeepAlive = KeepAliveOptions.Disabled,
        };
        return new WebSocketClient(uri, configure is null ? options : configure(options));
    }
}
