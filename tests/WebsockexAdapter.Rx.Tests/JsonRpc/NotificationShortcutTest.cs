using System.Text;
using System.Text.Json;
using WebsockexAdapter.Rx.JsonRpc;

namespace WebsockexAdapter.Rx.Tests.JsonRpc;

/// <summary>
/// The channel shortcut takes the usual channel message and declines every other shape, and whatever it takes, it
/// decides exactly as the general path (a document of the whole frame, then the adapter's reading of its params) does:
/// the same channel and the same data.
/// </summary>
public sealed class NotificationShortcutTest
{
    private const string Book = """{"jsonrpc":"2.0","method":"subscription","params":{"channel":"book.BTC-PERPETUAL.100ms","data":{"type":"change","change_id":11,"bids":[["new",97412.5,1000.0]],"asks":[]}}}""";

    /// <summary>Channel messages the channel shortcut takes: a subscription, a plain channel name, data last.</summary>
    public static TheoryData<string> ChannelTaken => new()
    {
        Book,
        " {\n\"jsonrpc\" : \"2.0\" ,\r\n\t\"method\" :\"subscription\", \"params\" :\n {\"channel\" :\"a\" , \"data\" :\n[1] \n} \n} \n",
        """{"m\u0065thod":"subscr\u0069ption","p\u0061rams":{"ch\u0061nnel":"a","d\u0061ta":{}}}""",
        """{"id":null,"method":"subscription","params":{"channel":5,"channel":"b","x":{"channel":"no"},"data":{"d":"}}"}}}""",
        // The exchange's own envelope, but a channel name that is not plain ASCII: the reader takes it.
        "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"b\u00f8ok\",\"data\":{\"x\":1}}}",
        """{"jsonrpc":"2.0","method":"subscription","params":{"channel":"a b","data":[]}}""",
        """{"jsonrpc":"2.0","method":"subscription","params":{"channel":"a","channel":"b","data":{}}}""",
        // data nested 62 deep, so the frame is 64 deep: the limit, not over it.
        """{"method":"subscription","params":{"channel":"a","data":""" + new string('[', 62) + new string(']', 62) + "}}",
    };

    /// <summary>Frames the channel shortcut declines (the general path then decides them).</summary>
    public static TheoryData<string> ChannelDeclined => new()
    {
        """{"params":{"channel":"a","data":{}},"method":"subscription"}""",
        """{"method":"heartbeat","params":{"channel":"a","data":{}}}""",
        """{"method":"subscription","params":{"data":{},"channel":"a"}}""",
        """{"method":"subscription","params":{"data":{}}}""",
        """{"method":"subscription","params":{"channel":"a","channel":5,"data":{}}}""",
        """{"method":"subscription","params":{"channel":"","data":{}}}""",
        """{"method":"subscription","params":{"channel":"\u0061","data":{}}}""",
        """{"method":"subscription","params":{"channel":"a","data":{},"more":1}}""",
        """{"method":"subscription","params":{"channel":"a","data":{}},"usOut":1}""",
        """{"method":"subscription","params":{"channel":"a","data":1,"data":{}}}""",
        """{"method":"subscription","params":{"channel":"a","data":"text"}}""",
        """{"method":"subscription","params":[{"channel":"a","data":{}}]}""",
        """{"id":1,"method":"subscription","params":{"channel":"a","data":{}}}""",
        """{"method":"subscription","params":{"channel":"a","data":{}}}}""",
        """{"method":"subscription","params":{"channel":"a","data":{"x":}}}""",
        """{"method":"subscription","params":{"channel":"a","data":{}}""",
        """{"method":"subscription","params":{"channel":"a","data":""" + new string('[', 63) + new string(']', 63) + "}}",
        // Over the depth limit before data: the reader stops at 65 levels.
        """{"deep":""" + new string('[', 64) + new string(']', 64) + ""","method":"subscription","params":{"channel":"a","data":{}}}""",
        // The exchange's own envelope with a channel name a reader must unescape or refuse.
        """{"jsonrpc":"2.0","method":"subscription","params":{"channel":"\u0061","data":{}}}""",
        "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"a\tb\",\"data\":{}}}",
        """{"jsonrpc":"2.0","method":"subscription","params":{"channel":"","data":{}}}""",
        "}}",
        "",
    };

    [Theory]
    [MemberData(nameof(ChannelTaken))]
    public void TheUsualChannelMessage_IsTaken_WithTheChannelAndDataTheAdapterReads(string json)
    {
        var payload = Encoding.UTF8.GetBytes(json);

        Assert.True(NotificationShortcut.TryReadChannel(payload, out var channel, out var data));

        var (expectedChannel, expectedData) = ChannelOf(JsonRpcMessage.Read(Frame.FromUtf8(payload)));
        Assert.Equal(expectedChannel, Encoding.UTF8.GetString(channel.Span));
        Assert.Equal(expectedData, data.GetRawText());
    }

    [Theory]
    [MemberData(nameof(ChannelDeclined))]
    public void EveryOtherChannelShape_IsDeclined(string json) =>
        Assert.False(NotificationShortcut.TryReadChannel(Encoding.UTF8.GetBytes(json), out _, out _));

    [Fact]
    public void EveryCutOfABookNotification_IsTakenByTheChannelShortcutOnlyWhenTheDocumentAgrees()
    {
        var book = Encoding.UTF8.GetBytes(Book);
        var noise = "{}[]\",:\\ 0an"u8.ToArray();
        var frames = Enumerable.Range(0, book.Length + 1).Select(length => book[..length]).ToList();
        for (var at = 0; at < book.Length; at++)
        {
            foreach (var b in noise)
            {
                var changed = (byte[])book.Clone();
                changed[at] = b;
                frames.Add(changed);
            }
        }

        foreach (var frame in frames)
        {
            if (NotificationShortcut.TryReadChannel(frame, out var channel, out var data))
            {
                var (expectedChannel, expectedData) = ChannelOf(JsonRpcMessage.Read(Frame.FromUtf8(frame)));
                Assert.Equal(expectedChannel, Encoding.UTF8.GetString(channel.Span));
                Assert.Equal(expectedData, data.GetRawText());
            }
        }
    }

    [Fact]
    public void DataParsedFromLentBytes_StaysWholeWhileTheBufferAndTheScratchAreReused()
    {
        byte[]? scratch = null;
        var lent = new byte[256];
        var kept = new List<(JsonElement Data, string Text)>();
        foreach (var text in new[] { """{"change_id":1,"bids":[["new",97412.5,1000.0]]}""", """[1,2,3]""", """{"change_id":2,"asks":[]}""" })
        {
            lent.AsSpan().Clear();
            var length = Encoding.UTF8.GetBytes(text, lent);

            Assert.True(NotificationShortcut.TryParseLent(lent.AsSpan(0, length), ref scratch, out var data));
            kept.Add((data, text));
        }

        lent.AsSpan().Fill((byte)'x');
        scratch.AsSpan().Fill((byte)'x');
        Assert.All(kept, k => Assert.Equal(k.Text, k.Data.GetRawText()));
    }

    [Fact]
    public void DataParsedFromLentBytes_IsWhatADocumentOfACopyReads_ForEveryCutAndByteChange_AndForDataLargerThanTheScratch()
    {
        var data = Encoding.UTF8.GetBytes("""{"type":"change","change_id":11,"bids":[["new",97412.5,1000.0]],"asks":[]}""");
        var large = Encoding.UTF8.GetBytes($$"""{"levels":[{{string.Join(',', Enumerable.Range(0, NotificationShortcut.MaxScratch / 4))}}]}""");
        var noise = "{}[]\",:\\ 0an"u8.ToArray();
        var values = Enumerable.Range(0, data.Length + 1).Select(length => data[..length]).Append(large).ToList();
        for (var at = 0; at < data.Length; at++)
        {
            foreach (var b in noise)
            {
                var changed = (byte[])data.Clone();
                changed[at] = b;
                values.Add(changed);
            }
        }

        byte[]? scratch = null;
        foreach (var value in values)
        {
            var copied = NotificationShortcut.TryParseValue(value.ToArray(), out var expected);

            Assert.Equal(copied, NotificationShortcut.TryParseLent(value, ref scratch, out var lent));
            Assert.Equal(copied ? expected.GetRawText() : null, copied ? lent.GetRawText() : null);
        }
    }

    /// <summary>What the adapter delivers from a message of the general path (SessionRunner's reading of params), or nulls.</summary>
    private static (string? Channel, string? Data) ChannelOf(JsonRpcMessage message) =>
        message is { Kind: JsonRpcMessageKind.Notification, Method: "subscription", Body.ValueKind: JsonValueKind.Object }
        && message.Body.TryGetProperty("channel"u8, out var channel) && channel.ValueKind == JsonValueKind.String
        && message.Body.TryGetProperty("data"u8, out var data)
            ? (channel.GetString(), data.GetRawText())
            : (null, null);
}
