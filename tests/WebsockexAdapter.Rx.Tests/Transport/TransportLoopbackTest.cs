using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Reactive;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using System.Text;
using WebsockexAdapter.Rx.Tests.Loopback;

namespace WebsockexAdapter.Rx.Tests.Transport;

/// <summary>
/// What every real transport must do against a real Kestrel WebSocket server on loopback. Each transport runs the
/// same tests through a subclass, so the default transport and the Websocket.Client one are held to one contract.
/// Timing runs on the real scheduler with no backoff delay; nothing sleeps, every wait has a deadline.
/// </summary>
public abstract class TransportLoopbackTest
{
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);


    public static TheoryData<int> ServerCloseCodes => [1000, 1001, 1008, 1011, 4000];

    protected abstract IWebSocketTransportFactory Transport { get; }

    /// <summary>
    /// Whether the transport knows a message's size from its frame header and refuses it there
    /// (<see cref="MessageTooLargeException.ReceivedBytes"/> is then the size announced), rather than after reading up to the limit.
    /// </summary>
    protected virtual bool RefusesOversizedMessagesAtTheirHeader => false;

    private bool HandlesKeepAlive
    {
        get
        {
            using var probe = Transport.Create(new ClientOptions());
            return probe.HandlesKeepAlive;
        }
    }

    [Fact]
    public async Task TextAndBinary_RoundTripThroughAnEchoServer()
    {
        await using var server = await LoopbackServer.StartAsync(socket => socket.EchoUntilClosedAsync());
        using var client = Client(server.Uri);
        var frames = TestStreams.Record(client.Frames);
        await ConnectedAsync(client);

        var binary = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        await client.SendTextAsync("héllo, wörld €");
        await client.SendAsync(Frame.FromBinary(binary));
        var echoed = await frames.Take(2).ToList().ToTask().WaitAsync(Patience);

        Assert.Equal(FrameKind.Text, echoed[0].Kind);
        Assert.Equal("héllo, wörld €", echoed[0].Text);
        Assert.Equal(FrameKind.Binary, echoed[1].Kind);
        Assert.Equal(binary, echoed[1].Payload.ToArray());
    }

    [Fact]
    public async Task Frames_StayValidAfterLaterMessagesReuseTheReceiveBuffer()
    {
        const int Count = 100;
        await using var server = await LoopbackServer.StartAsync(async socket =>
        {
            for (var i = 0; i < Count; i++)
            {
                await socket.SendTextAsync(Message(i));
            }

            await socket.WaitForClientCloseAsync();
        });
        using var client = Client(server.Uri);

        var frames = await client.Frames.Take(Count).ToList().ToTask().WaitAsync(Patience);

        Assert.Equal(Enumerable.Range(0, Count).Select(Message), frames.Select(f => f.Text));

        static string Message(int i) => $"message {i} " + new string((char)('a' + (i % 26)), i * 37);
    }

    [Fact]
    public async Task FragmentedMessages_AreReassembled()
    {
        await using var server = await LoopbackServer.StartAsync(async socket =>
        {
            await socket.SendFragmentsAsync(WebSocketMessageType.Text, "frag"u8.ToArray(), "mented "u8.ToArray(), "tëxt"u8.ToArray());
            await socket.SendFragmentsAsync(WebSocketMessageType.Binary, [1, 2], [3], [4, 5, 6], [7]);
            await socket.WaitForClientCloseAsync();
        });
        using var client = Client(server.Uri);

        var frames = await client.Frames.Take(2).ToList().ToTask().WaitAsync(Patience);

        Assert.Equal("fragmented tëxt", frames[0].Text);
        Assert.Equal(FrameKind.Binary, frames[1].Kind);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 7 }, frames[1].Payload.ToArray());
    }

    [Fact]
    public async Task MessagesLargerThanTheReceiveBuffer_ArriveWhole()
    {
        var binary = new byte[1024 * 1024];
        new Random(7).NextBytes(binary);
        var text = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"{i},"));
        await using var server = await LoopbackServer.StartAsync(async socket =>
        {
            await socket.SendBinaryAsync(binary);
            await socket.SendTextAsync(text);
            await socket.WaitForClientCloseAsync();
        });
        using var client = Client(server.Uri, o => o with { ReceiveBufferSize = 1024 });

        var frames = await client.Frames.Take(2).ToList().ToTask().WaitAsync(Patience);

        Assert.Equal(binary, frames[0].Payload.ToArray());
        Assert.Equal(text, frames[1].Text);
    }

    [Theory]
    [InlineData(64 * 1024, 16 * 1024, 16 * 1024 * 1024)] // read after read, the server's message far past the limit
    [InlineData(1000, 16 * 1024, 4000)] // the whole message in one read, smaller than the buffer but over the limit
    public async Task MessageOverMaxMessageSize_FailsWithATypedErrorAndReconnects(int limit, int bufferSize, int messageSize)
    {
        var oversized = new byte[messageSize];
        await using var server = await LoopbackServer.StartAsync(async socket =>
        {
            if (socket.Index == 0)
            {
                await socket.SendBinaryAsync(oversized);
            }
            else
            {
                await socket.SendTextAsync("after");
            }

            await socket.WaitForClientCloseAsync();
        });
        using var client = Client(server.Uri, o => o with { MaxMessageSize = limit, ReceiveBufferSize = bufferSize });
        var states = TestStreams.Record(client.States);
        var frames = TestStreams.Record(client.Frames);

        var after = await frames.FirstAsync().ToTask().WaitAsync(Patience);
        var reconnecting = await states.FirstAsync(s => s.Status == ConnectionStatus.Reconnecting).ToTask().WaitAsync(Patience);

        Assert.Equal("after", after.Text);
        var error = Assert.IsType<MessageTooLargeException>(reconnecting.Error);
        Assert.Equal(limit, error.Limit);

        if (RefusesOversizedMessagesAtTheirHeader)
        {
            // Refused from the length its header announced, before any of it was buffered.
            Assert.Equal(messageSize, error.ReceivedBytes);
        }
        else
        {
            // Reading stopped at the limit: at most one buffer's worth past it was ever held.
            Assert.InRange(error.ReceivedBytes, limit + 1, limit + bufferSize);
        }
    }

    [Theory]
    [MemberData(nameof(ServerCloseCodes))]
    public async Task ServerClose_SurfacesItsStatusAndTheClientReconnects(int code)
    {
        var status = (WebSocketCloseStatus)code;
        var go = NewSignal();
        await using var server = await LoopbackServer.StartAsync(async socket =>
        {
            if (socket.Index == 0)
            {
                // Close only once the test says so, when both its recordings are surely in place.
                await go.Task;
                await socket.CloseAsync(status, $"reason {code}");
                return;
            }

            await socket.WaitForClientCloseAsync();
        });
        using var client = Client(server.Uri);
        var states = TestStreams.Record(client.States);
        var frames = TestStreams.Record(client.Frames);
        await ConnectedAsync(client);

        go.SetResult();
        var close = await frames.FirstAsync().ToTask().WaitAsync(Patience);
        var reconnecting = await states.FirstAsync(s => s.Status == ConnectionStatus.Reconnecting).ToTask().WaitAsync(Patience);
        await states.Where(s => s.Status == ConnectionStatus.Connected).Skip(1).FirstAsync().ToTask().WaitAsync(Patience);

        Assert.Equal(FrameKind.Close, close.Kind);
        Assert.Equal(status, close.CloseStatus);
        Assert.Equal($"reason {code}", close.CloseDescription);
        Assert.Equal(status, reconnecting.CloseStatus);
        Assert.Equal($"reason {code}", Assert.IsType<ConnectionClosedException>(reconnecting.Error).CloseDescription);
    }

    [Theory]
    [MemberData(nameof(ServerCloseCodes))]
    public async Task ServerClose_WithReconnectOff_EndsConnectionsWithTheStatus(int code)
    {
        var status = (WebSocketCloseStatus)code;
        await using var server = await LoopbackServer.StartAsync(socket => socket.CloseAsync(status, $"reason {code}"));
        using var client = Client(server.Uri, o => o with { ReconnectOnError = false });

        var end = await TestStreams.EndOf(client.Connections).WaitAsync(Patience);

        if (status == WebSocketCloseStatus.NormalClosure)
        {
            Assert.Equal(NotificationKind.OnCompleted, end.Kind);
            Assert.Equal(ConnectionStatus.Disconnected, client.CurrentState.Status);
        }
        else
        {
            var error = Assert.IsType<ConnectionClosedException>(end.Exception);
            Assert.Equal(status, error.CloseStatus);
            Assert.Equal(status, client.CurrentState.CloseStatus);
            Assert.Equal(ConnectionStatus.Faulted, client.CurrentState.Status);
        }

        Assert.Equal(1, server.Upgrades);
    }

    [Fact]
    public async Task ServerResetsTheTcpConnection_TheClientReconnects()
    {
        var go = NewSignal();
        await using var server = await LoopbackServer.StartAsync(async socket =>
        {
            if (socket.Index == 0)
            {
                // Reset only once the client is surely connected: a reset can discard the handshake's answer unread.
                await go.Task;
                socket.Reset();
                return;
            }

            await socket.SendTextAsync("back");
            await socket.WaitForClientCloseAsync();
        });
        using var client = Client(server.Uri);
        var states = TestStreams.Record(client.States);
        var frames = TestStreams.Record(client.Frames);
        await ConnectedAsync(client);

        go.SetResult();
        var back = await frames.FirstAsync().ToTask().WaitAsync(Patience);
        var reconnecting = await states.FirstAsync(s => s.Status == ConnectionStatus.Reconnecting).ToTask().WaitAsync(Patience);

        Assert.Equal("back", back.Text);
        Assert.IsType<ConnectionLostException>(reconnecting.Error);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    public async Task RefusedUpgrade_StopsWithoutRetrying(HttpStatusCode status)
    {
        await using var server = await LoopbackServer.StartAsync(socket => socket.WaitForClientCloseAsync(), refuseUpgrade: _ => (int)status);
        using var client = Client(server.Uri);

        var faulted = await client.States.FirstAsync(s => s.Status == ConnectionStatus.Faulted).ToTask().WaitAsync(Patience);

        Assert.Equal(status, Assert.IsType<HandshakeRejectedException>(faulted.Error).StatusCode);
        Assert.Equal(1, server.Upgrades);
    }

    [Fact]
    public async Task UpgradeRefusedWith503_IsRetried()
    {
        await using var server = await LoopbackServer.StartAsync(socket => socket.WaitForClientCloseAsync(), refuseUpgrade: i => i == 0 ? 503 : null);
        using var client = Client(server.Uri);

        await ConnectedAsync(client);

        Assert.Equal(2, server.Upgrades);
    }

    [Fact]
    public async Task ConnectTimeout_AgainstAListenerThatNeverAnswersTheUpgrade()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accepted = listener.AcceptSocketAsync();
        var address = new Uri($"ws://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/ws");
        using var client = Client(address, o => o with { ConnectTimeout = TimeSpan.FromMilliseconds(300), ReconnectOnError = false });

        var end = await TestStreams.EndOf(client.Connections).WaitAsync(Patience);
        using var silent = await accepted.WaitAsync(Patience);

        var timeout = Assert.IsType<ConnectTimeoutException>(end.Exception);
        Assert.Equal(TimeSpan.FromMilliseconds(300), timeout.Timeout);
    }

    [Fact]
    public async Task IdleTimeout_OnASilentSocket_Reconnects()
    {
        await using var server = await LoopbackServer.StartAsync(async socket =>
        {
            if (socket.Index > 0)
            {
                await socket.SendTextAsync("alive");
            }

            await socket.WaitForClientCloseAsync();
        });
        using var client = Client(server.Uri, o => o with { IdleTimeout = TimeSpan.FromMilliseconds(300) });
        var states = TestStreams.Record(client.States);
        var frames = TestStreams.Record(client.Frames);

        var alive = await frames.FirstAsync().ToTask().WaitAsync(Patience);
        var reconnecting = await states.FirstAsync(s => s.Status == ConnectionStatus.Reconnecting).ToTask().WaitAsync(Patience);

        Assert.Equal("alive", alive.Text);
        Assert.IsType<IdleTimeoutException>(reconnecting.Error);
    }

    [Fact]
    public async Task ServerPing_IsAnsweredWithItsPayload()
    {
        var answer = new TaskCompletionSource<(byte Opcode, byte[] Payload)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartRawAsync(async raw =>
        {
            await raw.WriteAsync(RawSocket.Ping, [1, 2, 3]);
            answer.TrySetResult(await raw.ReadAsync());
            await raw.WriteAsync(RawSocket.Text, "after the ping"u8.ToArray());
            await raw.AnswerCloseAsync();
        });
        using var client = Client(server.Uri);

        // A socket that answers pings itself does not surface them (IWebSocketTransport.HandlesKeepAlive); otherwise
        // the client answers on its scheduler and the ping is a frame like any other.
        var surfaced = !HandlesKeepAlive;
        var frames = await client.Frames.Take(surfaced ? 2 : 1).ToList().ToTask().WaitAsync(Patience);
        var (opcode, payload) = await answer.Task.WaitAsync(Patience);

        Assert.Equal(RawSocket.Pong, opcode);
        Assert.Equal(new byte[] { 1, 2, 3 }, payload);
        if (surfaced)
        {
            Assert.Equal(FrameKind.Ping, frames[0].Kind);
            Assert.Equal(new byte[] { 1, 2, 3 }, frames[0].Payload.ToArray());
        }

        Assert.Equal("after the ping", frames[^1].Text);
    }

    [Fact]
    public async Task KeepAlive_PongThatNeverComes_EndsTheConnectionWithATypedError()
    {
        await using var server = await LoopbackServer.StartRawAsync(raw => raw.WaitForEndOfStreamAsync());
        using var client = Client(server.Uri, o => o with
        {
            ReconnectOnError = false,
            KeepAlive = new KeepAliveOptions { Interval = TimeSpan.FromMilliseconds(100), PongTimeout = TimeSpan.FromMilliseconds(300) },
        });

        var end = await TestStreams.EndOf(client.Connections).WaitAsync(Patience);

        Assert.IsType<KeepAliveTimeoutException>(end.Exception);
    }

    [Fact]
    public async Task LastSubscriberLeaving_ClosesTheSocketWith1000()
    {
        var closedWith = new TaskCompletionSource<WebSocketCloseStatus?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(async socket =>
        {
            await socket.WaitForClientCloseAsync();
            closedWith.TrySetResult(socket.ClientCloseStatus);
        });
        using var client = Client(server.Uri);
        var subscription = client.Frames.Subscribe(_ => { });
        await ConnectedAsync(client);

        subscription.Dispose();

        Assert.Equal(WebSocketCloseStatus.NormalClosure, await closedWith.Task.WaitAsync(Patience));
        await server.WaitUntilAsync(s => s.LiveSockets == 0, Patience);
    }

    [Fact]
    public async Task ConnectionCloseAsync_SendsTheStatusAndCompletesItsFrames()
    {
        var closedWith = new TaskCompletionSource<(WebSocketCloseStatus?, string?)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(async socket =>
        {
            await socket.WaitForClientCloseAsync();
            closedWith.TrySetResult((socket.ClientCloseStatus, socket.ClientCloseDescription));
        });
        using var client = Client(server.Uri);
        var states = TestStreams.Record(client.States);
        var connection = await client.Connections.FirstAsync().ToTask().WaitAsync(Patience);
        var framesEnd = TestStreams.EndOf(connection.Frames);

        await connection.CloseAsync((WebSocketCloseStatus)4001, "bye").WaitAsync(Patience);

        Assert.Equal(((WebSocketCloseStatus)4001, "bye"), await closedWith.Task.WaitAsync(Patience));
        Assert.Equal(NotificationKind.OnCompleted, (await framesEnd.WaitAsync(Patience)).Kind);
        await states.FirstAsync(s => s.Status == ConnectionStatus.Disconnected && s.ConnectionId is not null).ToTask().WaitAsync(Patience);
        Assert.Equal(1, server.Upgrades);
    }

    protected WebSocketClient Client(Uri address, Func<ClientOptions, ClientOptions>? configure = null)
    {
        var options = new ClientOptions
        {
            TransportFactory = Transport,
            KeepAlive = KeepAliveOptions.Disabled,
            Backoff = TestStreams.Immediately,
        };
        return new WebSocketClient(address, configure is null ? options : configure(options));
    }

    protected static Task ConnectedAsync(WebSocketClient client) =>
        client.States.FirstAsync(s => s.Status == ConnectionStatus.Connected).ToTask().WaitAsync(Patience);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
