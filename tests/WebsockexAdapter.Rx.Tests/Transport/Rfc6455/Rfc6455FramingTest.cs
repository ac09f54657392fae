using System.Net.WebSockets;
using System.Runtime.InteropServices;
using System.Text;

namespace WebsockexAdapter.Rx.Tests.Transport.Rfc6455;

/// <summary>
/// The transport's framing (RFC 6455, section 5) over an in-memory connection whose server end writes exact bytes:
/// lengths, fragments, control frames, UTF-8, the size limit, every frame it must refuse (and the close code it
/// refuses with), the closing handshake, and what the client's own frames look like on the wire.
/// </summary>
public sealed class Rfc6455FramingTest
{
    public static TheoryData<string, byte[], int, string> Violations => new()
    {
        { "a masked frame", ServerWire.Frame(ServerWire.Text, "hi"u8, masked: true), 1002, "masked" },
        { "RSV1 set", ServerWire.Frame(ServerWire.Text, "hi"u8, reserved: 0b100), 1002, "reserved bits" },
        { "RSV3 set", ServerWire.Frame(ServerWire.Binary, [1], reserved: 0b001), 1002, "reserved bits" },
        { "opcode 0x3", ServerWire.Frame(0x3, [1]), 1002, "unknown opcode 0x3" },
        { "opcode 0xB", ServerWire.Frame(0xB, [1]), 1002, "unknown opcode 0xB" },
        { "a fragmented ping", ServerWire.Frame(ServerWire.Ping, [1], fin: false), 1002, "fragmented Ping" },
        { "a ping of 126 bytes", ServerWire.Frame(ServerWire.Ping, new byte[126]), 1002, "126 bytes" },
        { "a close of 126 bytes", ServerWire.Frame(ServerWire.Close, new byte[126]), 1002, "126 bytes" },
        { "a continuation outside a message", ServerWire.Frame(ServerWire.Continuation, "x"u8), 1002, "continuation frame outside" },
        { "a text frame inside a fragmented message", [.. ServerWire.Frame(ServerWire.Text, "a"u8, fin: false), .. ServerWire.Frame(ServerWire.Text, "b"u8)], 1002, "new Text frame before" },
        { "a 64-bit length with its top bit set", [0x82, 127, 0x80, 0, 0, 0, 0, 0, 0, 0], 1002, "most significant bit" },
        { "a continuation whose length would wrap around", [.. ServerWire.Frame(ServerWire.Text, "a"u8, fin: false), 0x80, 127, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], 1002, "most significant bit" },
        { "a close with a 1-byte payload", ServerWire.Frame(ServerWire.Close, [3]), 1002, "1-byte payload" },
        { "close code 999", ServerWire.CloseFrame(999), 1002, "invalid status 999" },
        { "close code 1004", ServerWire.CloseFrame(1004), 1002, "invalid status 1004" },
        { "close code 1005", ServerWire.CloseFrame(1005), 1002, "invalid status 1005" },
        { "close code 1006", ServerWire.CloseFrame(1006), 1002, "invalid status 1006" },
        { "close code 1015", ServerWire.CloseFrame(1015), 1002, "invalid status 1015" },
        { "close code 2999", ServerWire.CloseFrame(2999), 1002, "invalid status 2999" },
        { "close code 5000", ServerWire.CloseFrame(5000), 1002, "invalid status 5000" },
        { "a close reason that is not UTF-8", ServerWire.Frame(ServerWire.Close, [0x03, 0xE8, 0xC3, 0x28]), 1007, "reason is not UTF-8" },
        { "a text frame that is not UTF-8", ServerWire.Frame(ServerWire.Text, [0x7B, 0xC3, 0x28, 0x7D]), 1007, "not valid UTF-8" },
        { "a surrogate encoded in UTF-8", ServerWire.Frame(ServerWire.Text, [0xED, 0xA0, 0x80]), 1007, "not valid UTF-8" },
    };

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(125)]
    [InlineData(126)]
    [InlineData(65535)]
    [InlineData(65536)]
    [InlineData(200_000)]
    public async Task DataFrame_OfEachLengthEncoding_ArrivesWholeInAnArrayItOwns(int length)
    {
        using var server = await InMemoryServer.ConnectAsync();
        var payload = new byte[length];
        new Random(length).NextBytes(payload);

        await server.SendAsync(ServerWire.Frame(ServerWire.Binary, payload));
        var frame = await server.ReceiveAsync();

        Assert.Equal(FrameKind.Binary, frame.Kind);
        Assert.Equal(payload, frame.Payload.ToArray());

        // Copied once, into an array of exactly its size: not a slice of a pooled buffer that a later read reuses.
        Assert.True(MemoryMarshal.TryGetArray(frame.Payload, out var owned));
        Assert.Equal((0, length), (owned.Offset, owned.Array!.Length));
    }

    [Fact]
    public async Task ManyMessagesInOneWrite_OneSocketReadServesThemAll()
    {
        using var server = await InMemoryServer.ConnectAsync();
        var texts = Enumerable.Range(0, 500).Select(i => $"message {i} {new string('x', i % 50)}").ToList();

        await server.SendAsync([.. texts.SelectMany(t => ServerWire.Frame(ServerWire.Text, Encoding.UTF8.GetBytes(t)))]);
        var first = await server.ReceiveAsync();
        var rest = new List<Frame>();
        for (var i = 1; i < texts.Count; i++)
        {
            // Already buffered: handed out without waiting on the stream.
            var receive = server.Transport.ReceiveAsync(CancellationToken.None).AsTask();
            Assert.True(receive.IsCompletedSuccessfully, $"message {i} needed another read");
            rest.Add(await receive);
        }

        Assert.Equal(texts, rest.Prepend(first).Select(f => f.Text));
    }

    [Fact]
    public async Task BytesArrivingOneAtATime_StillMakeWholeFrames()
    {
        using var server = await InMemoryServer.ConnectAsync();
        byte[] wire = [.. ServerWire.Frame(ServerWire.Text, "héllo"u8), .. ServerWire.Frame(ServerWire.Binary, new byte[300]), .. ServerWire.Frame(ServerWire.Ping, [7])];

        var receiving = Task.Run(async () => new[] { await server.ReceiveAsync(), await server.ReceiveAsync(), await server.ReceiveAsync() });
        foreach (var b in wire)
        {
            await server.SendAsync([b]);
        }

        var frames = await receiving.WaitAsync(InMemoryServer.Patience);

        Assert.Equal("héllo", frames[0].Text);
        Assert.Equal(300, frames[1].Payload.Length);
        Assert.Equal((FrameKind.Ping, 7), (frames[2].Kind, frames[2].Payload.Span[0]));
    }

    [Fact]
    public async Task Fragments_AreReassembled_AndAPingBetweenThemComesFirst()
    {
        using var server = await InMemoryServer.ConnectAsync();

        await server.SendAsync([
            .. ServerWire.Frame(ServerWire.Text, "frag"u8, fin: false),
            .. ServerWire.Frame(ServerWire.Ping, [1, 2], fin: true),
            .. ServerWire.Frame(ServerWire.Continuation, "men"u8, fin: false),
            .. ServerWire.Frame(ServerWire.Continuation, new byte[70_000], fin: false),
            .. ServerWire.Frame(ServerWire.Continuation, "ted"u8, fin: true),
            .. ServerWire.Frame(ServerWire.Binary, [9], fin: false),
            .. ServerWire.Frame(ServerWire.Continuation, [8], fin: true),
        ]);
        var ping = await server.ReceiveAsync();
        var text = await server.ReceiveAsync();
        var binary = await server.ReceiveAsync();

        Assert.Equal(FrameKind.Ping, ping.Kind);
        Assert.Equal(new byte[] { 1, 2 }, ping.Payload.ToArray());
        Assert.Equal(FrameKind.Text, text.Kind);
        Assert.Equal("fragmen" + new string('\0', 70_000) + "ted", text.Text);
        Assert.Equal(FrameKind.Binary, binary.Kind);
        Assert.Equal(new byte[] { 9, 8 }, binary.Payload.ToArray());
    }

    [Theory]
    [InlineData("€")]
    [InlineData("\u0800")] // E0 A0 80: the lowest three-byte character, whose second byte E0 limits
    [InlineData("𝄞")]
    [InlineData("aé€𝄞z")]
    public async Task TextSplitInsideACharacter_AcrossFragments_IsValid(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        for (var split = 1; split < bytes.Length; split++)
        {
            using var server = await InMemoryServer.ConnectAsync();

            await server.SendAsync([
                .. ServerWire.Frame(ServerWire.Text, bytes.AsSpan(0, split), fin: false),
                .. ServerWire.Frame(ServerWire.Continuation, bytes.AsSpan(split), fin: true),
            ]);

            Assert.Equal(text, (await server.ReceiveAsync()).Text);
        }
    }

    [Fact]
    public async Task TextSentOneBytePerFragment_IsValid_WhereverEachCharacterIsCut()
    {
        var bytes = Encoding.UTF8.GetBytes("aé€\u0800𝄞z𝄞");
        using var server = await InMemoryServer.ConnectAsync();

        await server.SendAsync([
            .. ServerWire.Frame(ServerWire.Text, bytes.AsSpan(0, 1), fin: false),
            .. bytes[1..^1].SelectMany(b => ServerWire.Frame(ServerWire.Continuation, [b], fin: false)),
            .. ServerWire.Frame(ServerWire.Continuation, bytes.AsSpan(bytes.Length - 1), fin: true),
        ]);

        Assert.Equal("aé€\u0800𝄞z𝄞", (await server.ReceiveAsync()).Text);
    }

    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28 })] // a lead byte followed by ASCII
    [InlineData(new byte[] { 0xF5 })] // a byte that never starts a character
    [InlineData(new byte[] { 0xE0, 0x80 })] // the start of an overlong encoding
    [InlineData(new byte[] { 0xED, 0xA0 })] // the start of a surrogate
    public async Task InvalidUtf8_IsRefusedAtTheFragmentThatBreaksIt_BeforeTheMessageEnds(byte[] bad)
    {
        using var server = await InMemoryServer.ConnectAsync();

        // The message never ends: the refusal cannot wait for its last fragment.
        await server.SendAsync([.. ServerWire.Frame(ServerWire.Text, "ok"u8, fin: false), .. ServerWire.Frame(ServerWire.Continuation, bad, fin: false)]);
        await Assert.ThrowsAsync<ProtocolViolationException>(server.ReceiveAsync);

        Assert.Equal(1007, (await server.ReadClientFrameAsync()).CloseCode);
    }

    [Fact]
    public async Task ACharacterCutOffByTheLastFragment_IsRefused()
    {
        using var server = await InMemoryServer.ConnectAsync();

        await server.SendAsync([.. ServerWire.Frame(ServerWire.Text, "a"u8, fin: false), .. ServerWire.Frame(ServerWire.Continuation, [0xE2, 0x82], fin: true)]);

        await Assert.ThrowsAsync<ProtocolViolationException>(server.ReceiveAsync);
        Assert.Equal(1007, (await server.ReadClientFrameAsync()).CloseCode);
    }

    [Theory]
    [MemberData(nameof(Violations))]
    public async Task AFrameTheProtocolForbids_IsRefusedWithItsCloseCode_AfterWhatCameBefore(string bad, byte[] wire, int closeCode, string says)
    {
        using var server = await InMemoryServer.ConnectAsync();

        await server.SendAsync([.. ServerWire.Frame(ServerWire.Text, "before"u8), .. wire]);
        var before = await server.ReceiveAsync();
        var error = await Assert.ThrowsAsync<ProtocolViolationException>(server.ReceiveAsync);
        var close = await server.ReadClientFrameAsync();

        Assert.Equal("before", before.Text);
        Assert.True(error.IsTransient, bad);
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
        Assert.Equal((ServerWire.Close, closeCode), (close.Opcode, close.CloseCode));
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(1001)]
    [InlineData(1003)]
    [InlineData(1007)]
    [InlineData(1011)]
    [InlineData(1014)]
    [InlineData(3000)]
    [InlineData(4999)]
    public async Task ServerClose_WithAValidCode_IsReturnedAndEchoed(int code)
    {
        using var server = await InMemoryServer.ConnectAsync();

        await server.SendAsync(ServerWire.CloseFrame(code, "bye ü"));
        var close = await server.ReceiveAsync();
        var echo = await server.ReadClientFrameAsync();

        Assert.Equal((FrameKind.Close, (WebSocketCloseStatus)code, "bye ü"), (close.Kind, close.CloseStatus, close.CloseDescription));
        Assert.Equal((ServerWire.Close, code, "bye ü"), (echo.Opcode, echo.CloseCode, echo.CloseReason));
    }

    [Fact]
    public async Task ControlFrames_OfExactly125Bytes_AreAccepted()
    {
        using var server = await InMemoryServer.ConnectAsync();
        var reason = new string('r', CloseCodes.MaxReasonBytes);

        await server.SendAsync([.. ServerWire.Frame(ServerWire.Ping, new byte[125]), .. ServerWire.CloseFrame(1000, reason)]);
        var ping = await server.ReceiveAsync();
        var close = await server.ReceiveAsync();

        Assert.Equal((FrameKind.Ping, 125), (ping.Kind, ping.Payload.Length));
        Assert.Equal((WebSocketCloseStatus.NormalClosure, reason), (close.CloseStatus, close.CloseDescription));
    }

    [Theory]
    [InlineData(126)]
    [InlineData(65535)]
    [InlineData(65536)]
    public async Task AHeaderCutAtEachByte_WaitsForTheRestOfIt(int length)
    {
        var wire = ServerWire.Frame(ServerWire.Binary, new byte[length]);
        var headerLength = length <= ushort.MaxValue ? 4 : 10;
        for (var cut = 1; cut < headerLength; cut++)
        {
            using var server = await InMemoryServer.ConnectAsync();

            await server.SendAsync(wire[..cut]);
            var receiving = server.ReceiveAsync();
            await server.SendAsync(wire[cut..]);

            Assert.Equal(length, (await receiving).Payload.Length);
        }
    }

    [Fact]
    public async Task ServerClose_WithoutAStatus_IsEchoedWithoutOne()
    {
        using var server = await InMemoryServer.ConnectAsync();

        await server.SendAsync(ServerWire.Frame(ServerWire.Close, []));
        var close = await server.ReceiveAsync();
        var echo = await server.ReadClientFrameAsync();

        Assert.Equal((WebSocketCloseStatus.Empty, ""), (close.CloseStatus, close.CloseDescription));
        Assert.Equal((ServerWire.Close, 0), (echo.Opcode, echo.Payload.Length));
    }

    [Fact]
    public async Task LocalClose_SendsItsStatusAndReasonOnce_AndNothingMayFollow()
    {
        using var server = await InMemoryServer.ConnectAsync();

        await server.Transport.CloseAsync((WebSocketCloseStatus)4001, "done", CancellationToken.None).WaitAsync(InMemoryServer.Patience);
        await server.Transport.CloseAsync(WebSocketCloseStatus.NormalClosure, "again", CancellationToken.None).WaitAsync(InMemoryServer.Patience);
        var send = async () => await server.Transport.SendAsync(Frame.FromText("late"), CancellationToken.None);
        await Assert.ThrowsAsync<InvalidOperationException>(send);
        var close = await server.ReadClientFrameAsync();

        // The server's answer ends the handshake: the transport returns it and sends nothing more.
        await server.SendAsync(ServerWire.CloseFrame(4001));
        var answer = await server.ReceiveAsync();
        server.Transport.Dispose();

        Assert.Equal((4001, "done"), (close.CloseCode, close.CloseReason));
        Assert.Equal((WebSocketCloseStatus)4001, answer.CloseStatus);
        Assert.Null(await ServerWire.ReadUntilCloseAsync(server.Stream).WaitAsync(InMemoryServer.Patience));
    }

    [Fact]
    public async Task LocalClose_WithAReasonTooLongForAControlFrame_CutsItAtACharacter()
    {
        using var server = await InMemoryServer.ConnectAsync();

        await server.Transport.CloseAsync(WebSocketCloseStatus.NormalClosure, new string('é', 100), CancellationToken.None).WaitAsync(InMemoryServer.Patience);
        var close = await server.ReadClientFrameAsync();

        Assert.Equal(1000, close.CloseCode);
        Assert.Equal(new string('é', 61), close.CloseReason);
    }

    [Theory]
    [InlineData("a", "b")] // a lone surrogate inside
    [InlineData("ab", "")] // a lone surrogate at the end
    public async Task LocalClose_WithAReasonThatIsNotValidUtf16_SendsAReplacementCharacter(string before, string after)
    {
        using var server = await InMemoryServer.ConnectAsync();

        // Built here: xunit's serialization of theory data does not keep a lone surrogate.
        await server.Transport.CloseAsync(WebSocketCloseStatus.NormalClosure, before + '\uD800' + after, CancellationToken.None).WaitAsync(InMemoryServer.Patience);

        Assert.Equal(before + '\uFFFD' + after, (await server.ReadClientFrameAsync()).CloseReason);
    }

    [Theory]
    [InlineData(WebSocketCloseStatus.Empty + 1)] // 1006, abnormal closure: never on the wire
    [InlineData((WebSocketCloseStatus)999)]
    [InlineData((WebSocketCloseStatus)5000)]
    public async Task LocalClose_WithAStatusThatMayNotBeSent_IsRefused(WebSocketCloseStatus status)
    {
        using var server = await InMemoryServer.ConnectAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => server.Transport.CloseAsync(status, null, CancellationToken.None));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(125, 0)]
    [InlineData(126, 2)]
    [InlineData(65535, 2)]
    [InlineData(65536, 8)]
    [InlineData(100_000, 8)]
    public async Task ClientFrames_AreMaskedAndWhole_WithTheShortestLengthEncoding(int length, int lengthBytes)
    {
        using var server = await InMemoryServer.ConnectAsync();
        var payload = new byte[length];
        new Random(length).NextBytes(payload);

        var sending = server.Transport.SendAsync(Frame.FromBinary(payload), CancellationToken.None).AsTask();
        var frame = await server.ReadClientFrameAsync();
        await sending.WaitAsync(InMemoryServer.Patience);

        Assert.True(frame.Masked);
        Assert.True(frame.Fin);
        Assert.Equal((ServerWire.Binary, lengthBytes), (frame.Opcode, frame.LengthBytes));
        Assert.Equal(payload, frame.Payload);
        Assert.True(length == 0 || !frame.Wire.SequenceEqual(payload), "the payload went out unmasked");
    }

    [Fact]
    public async Task ClientFrames_EachGetANewRandomKey()
    {
        using var server = await InMemoryServer.ConnectAsync();
        var keys = new HashSet<string>();

        for (var i = 0; i < 200; i++)
        {
            await server.Transport.SendAsync(Frame.FromText("same"), CancellationToken.None);
            keys.Add(Convert.ToHexString((await server.ReadClientFrameAsync()).Key));
        }

        // 200 keys of 32 random bits: a repeat is a one-in-ten-million event.
        Assert.Equal(200, keys.Count);
    }

    [Theory]
    [InlineData(FrameKind.Ping)]
    [InlineData(FrameKind.Pong)]
    public async Task ControlFrames_CarryTheirPayload_AndAtMost125Bytes(FrameKind kind)
    {
        using var server = await InMemoryServer.ConnectAsync();
        var control = kind == FrameKind.Ping ? Frame.Ping(new byte[] { 1, 2, 3 }) : Frame.Pong(new byte[] { 1, 2, 3 });

        await server.Transport.SendAsync(control, CancellationToken.None);
        var sent = await server.ReadClientFrameAsync();
        var tooLong = kind == FrameKind.Ping ? Frame.Ping(new byte[126]) : Frame.Pong(new byte[126]);

        Assert.Equal(kind == FrameKind.Ping ? ServerWire.Ping : ServerWire.Pong, sent.Opcode);
        Assert.Equal(new byte[] { 1, 2, 3 }, sent.Payload);
        await Assert.ThrowsAsync<ArgumentException>(async () => await server.Transport.SendAsync(tooLong, CancellationToken.None));
    }

    [Fact]
    public async Task MessageOverTheLimit_IsRefusedAtItsHeader_BeforeItsPayloadArrives()
    {
        using var server = await InMemoryServer.ConnectAsync(new ClientOptions { MaxMessageSize = 1000 });

        // Only the header of a 5,000-byte frame: the refusal cannot be waiting for the payload.
        await server.SendAsync(ServerWire.Frame(ServerWire.Binary, new byte[5000])[..4]);
        var error = await Assert.ThrowsAsync<MessageTooLargeException>(server.ReceiveAsync);

        Assert.Equal((5000, 1000), (error.ReceivedBytes, error.Limit));
        Assert.Equal(1009, (await server.ReadClientFrameAsync()).CloseCode);
    }

    [Fact]
    public async Task FragmentsOverTheLimit_AreRefusedAtTheFragmentThatCrossesIt()
    {
        using var server = await InMemoryServer.ConnectAsync(new ClientOptions { MaxMessageSize = 1000 });

        await server.SendAsync([.. ServerWire.Frame(ServerWire.Text, new byte[600], fin: false), .. ServerWire.Frame(ServerWire.Continuation, new byte[600])[..4]]);
        var error = await Assert.ThrowsAsync<MessageTooLargeException>(server.ReceiveAsync);

        Assert.Equal(1200, error.ReceivedBytes);
    }

    [Fact]
    public async Task MessageExactlyAtTheLimit_IsDelivered()
    {
        using var server = await InMemoryServer.ConnectAsync(new ClientOptions { MaxMessageSize = 1000 });

        await server.SendAsync([.. ServerWire.Frame(ServerWire.Binary, new byte[400], fin: false), .. ServerWire.Frame(ServerWire.Continuation, new byte[600])]);

        Assert.Equal(1000, (await server.ReceiveAsync()).Payload.Length);
    }

    [Fact]
    public async Task ServerPing_IsReturnedAsAFrame_ForTheConnectionToAnswer()
    {
        using var server = await InMemoryServer.ConnectAsync();

        await server.SendAsync(ServerWire.Frame(ServerWire.Ping, "are you there"u8));
        var ping = await server.ReceiveAsync();

        Assert.False(server.Transport.HandlesKeepAlive);
        Assert.Equal((FrameKind.Ping, "are you there"), (ping.Kind, Encoding.UTF8.GetString(ping.Payload.Span)));
    }

    [Fact]
    public async Task TheServerHangingUpWithoutAClose_EndsTheReceiveWithAnError()
    {
        using var server = await InMemoryServer.ConnectAsync();

        await server.SendAsync(ServerWire.Frame(ServerWire.Text, "half"u8)[..3]);
        server.Stream.Dispose();

        await Assert.ThrowsAsync<EndOfStreamException>(server.ReceiveAsync);
    }
}
