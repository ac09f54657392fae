using System.Text;
using System.Text.Json;
using WebsockexAdapter.Rx.JsonRpc;

namespace WebsockexAdapter.Rx.Tests.JsonRpc;

/// <summary>
/// The notification shortcuts take the usual shape and decline every other one, and whatever they take, they decide
/// exactly as the general path (a document of the whole frame) does: same kind, method and params, or for a channel
/// message the same channel and data as the adapter reads from the params.
/// </summary>
public sealed class NotificationShortcutTest
{
    private const string Book = """{"jsonrpc":"2.0","method":"subscription","params":{"channel":"book.BTC-PERPETUAL.100ms","data":{"type":"change","change_id":11,"bids":[["new",97412.5,1000.0]],"asks":[]}}}""";

    /// <summary>Frames the shortcut takes: params last, a string method, no id.</summary>
    public static TheoryData<string> Taken => new()
    {
        Book,
        """{"jsonrpc":"2.0","method":"heartbeat","params":{"type":"test_request"}}""",
        """{"method":"other/method","params":[1,2,3]}""",
        " {\n\"jsonrpc\" : \"2.0\" ,\r\n\t\"method\" :\"subscription\", \"params\" :\n {\"channel\":\"a\",\"data\":1} \n} \n",
        // Escaped member names match as they do in a document; an escaped method value too.
        """{"jsonrpc":"2.0","m\u0065thod":"subscr\u0069ption","p\u0061rams":{"channel":"a","data":{}}}""",
        // Duplicates: the last one wins, as with JsonElement.TryGetProperty.
        """{"method":5,"method":"subscription","params":{"data":1}}""",
        """{"id":3,"id":null,"method":"subscription","params":{}}""",
        // Members the envelope does not use, of any kind, before params.
        """{"usIn":1,"result":{"a":[1,{"b":2}]},"error":null,"extra":[[]],"method":"subscription","params":{"x":"}"}}""",
        // params nested 63 deep, so the frame is 64 deep: the limit, not over it.
        """{"method":"subscription","params":""" + new string('[', 63) + new string(']', 63) + "}",
    };

    /// <summary>Frames the shortcut declines; the general path decides them (some are notifications, some not, some invalid).</summary>
    public static TheoryData<string> Declined => new()
    {
        // params before method, or any member after params.
        """{"jsonrpc":"2.0","params":{"channel":"a","data":1},"method":"subscription"}""",
        """{"method":"subscription","params":{"data":1},"usOut":2}""",
        """{"method":"subscription","params":{"data":1},"more":{"x":1}}""",
        """{"method":"subscription","params":{"data":1},"params":{"data":2}}""",
        """{"method":"subscription","params":{"data":1},"id":4}""",
        // params that is not an object or an array, or no params at all.
        """{"method":"subscription","params":"text"}""",
        """{"method":"subscription","params":null}""",
        """{"jsonrpc":"2.0","method":"heartbeat"}""",
        // An id (a request from the server), a method that is not a string (or not the last one), no method.
        """{"id":3,"method":"subscription","params":{}}""",
        """{"method":"subscription","method":5,"params":{}}""",
        """{"jsonrpc":"2.0","id":4,"result":{"a":1}}""",
        """{"jsonrpc":"2.0","id":4,"error":{"code":1,"message":"no"}}""",
        // Not an object.
        "[1]",
        "\"text\"",
        "",
        "   ",
        // Malformed: before params, inside it, after it, or with a trailing comma.
        """{"method":"subscription",oops,"params":{}}""",
        """{"method":"subscription","params":{"data":}}""",
        """{"method":"subscription","params":{"data":1}}}""",
        """{"method":"subscription","params":{"data":1},}""",
        """{"method":"subscription","params":{"data":1}""",
        """{"method":"subscription","params":{"x":"}"}""",
        // Over the depth limit: params 64 deep makes the frame 65 deep.
        """{"method":"subscription","params":""" + new string('[', 64) + new string(']', 64) + "}",
        """{"deep":""" + new string('[', 64) + new string(']', 64) + ""","method":"subscription","params":{}}""",
    };

    /// <summary>Channel messages the channel shortcut takes: a subscription, a plain channel name, data last.</summary>
    public static TheoryData<string> ChannelTaken => new()
    {
        Book,
        " {\n\"jsonrpc\" : \"2.0\" ,\r\n\t\"method\" :\"subscription\", \"params\" :\n {\"channel\" :\"a\" , \"data\" :\n[1] \n} \n} \n",
        """{"m\u0065thod":"subscr\u0069ption","p\u0061rams":{"ch\u0061nnel":"a","d\u0061ta":{}}}""",
        """{"id":null,"method":"subscription","params":{"channel":5,"channel":"b","x":{"channel":"no"},"data":{"d":"}}"}}}""",
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
        "}}",
        "",
    };

    [Theory]
    [MemberData(nameof(ChannelTaken))]
    public void TheUsualChannelMessage_IsTaken_WithTheChannelAndDataTheAdapterReads(string json)
    {
        var payload = Encoding.UTF8.GetBytes(json);

        Assert.True(NotificationShortcut.TryReadChannel(payload, out var channel, out var data));

        var (expectedChannel, expectedData) = ChannelOf(JsonRpcMessage.ReadDocument(payload));
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
                var (expectedChannel, expectedData) = ChannelOf(JsonRpcMessage.ReadDocument(frame));
                Assert.Equal(expectedChannel, Encoding.UTF8.GetString(channel.Span));
                Assert.Equal(expectedData, data.GetRawText());
            }
        }
    }

    /// <summary>What the adapter delivers from a message of the general path (SessionRunner's reading of params), or nulls.</summary>
    private static (string? Channel, string? Data) ChannelOf(JsonRpcMessage message) =>
        message is { Kind: JsonRpcMessageKind.Notification, Method: "subscription", Body.ValueKind: JsonValueKind.Object }
        && message.Body.TryGetProperty("channel"u8, out var channel) && channel.ValueKind == JsonValueKind.String
        && message.Body.TryGetProperty("data"u8, out var data)
            ? (channel.GetString(), data.GetRawText())
            : (null, null);

    [Theory]
    [MemberData(nameof(Taken))]
    public void TheUsualShape_IsTaken_AndDecidedAsTheDocumentDecidesIt(string json)
    {
        var payload = Encoding.UTF8.GetBytes(json);

        Assert.True(NotificationShortcut.TryRead(payload, out var taken));

        AssertSame(JsonRpcMessage.ReadDocument(payload), taken);
    }

    [Theory]
    [MemberData(nameof(Declined))]
    public void EveryOtherShape_IsDeclined_AndReadTakesTheGeneralPath(string json)
    {
        var payload = Encoding.UTF8.GetBytes(json);

        Assert.False(NotificationShortcut.TryRead(payload, out _));

        AssertSame(JsonRpcMessage.ReadDocument(payload), JsonRpcMessage.Read(Frame.FromUtf8(payload)));
    }

    [Fact]
    public void TheParamsHandedOut_StayValid_AfterTheFrameIsForgotten()
    {
        var message = JsonRpcMessage.Read(Frame.FromUtf8(Encoding.UTF8.GetBytes(Book)));
        GC.Collect();
        GC.WaitForPendingFinalizers();

        Assert.Equal(11, message.Body.GetProperty("data").GetProperty("change_id").GetInt64());
    }

    [Fact]
    public void AMalformedFrame_KeepsTheGeneralPathsReason()
    {
        var message = JsonRpcMessage.Read(Frame.FromText("{\"method\":\"subscription\",\n\"params\":{\"data\":}}"));

        Assert.Equal(JsonRpcMessageKind.Invalid, message.Kind);
        Assert.Equal("not valid JSON (line 1, byte 17)", message.Problem);
    }

    [Fact]
    public void EveryCutOfABookNotification_IsDecidedAsTheDocumentDecidesIt()
    {
        // Every prefix and every one-byte corruption of a real notification: truncations, broken strings, stray braces.
        var book = Encoding.UTF8.GetBytes(Book);
        var noise = "{}[]\",:\\ 0an"u8.ToArray();
        for (var length = 0; length <= book.Length; length++)
        {
            var cut = book[..length];
            AssertSame(JsonRpcMessage.ReadDocument(cut), JsonRpcMessage.Read(Frame.FromUtf8(cut)));
        }

        for (var at = 0; at < book.Length; at++)
        {
            foreach (var b in noise)
            {
                var changed = (byte[])book.Clone();
                changed[at] = b;
                AssertSame(JsonRpcMessage.ReadDocument(changed), JsonRpcMessage.Read(Frame.FromUtf8(changed)));
            }
        }
    }

    private static void AssertSame(JsonRpcMessage expected, JsonRpcMessage actual)
    {
        Assert.Equal(expected.Kind, actual.Kind);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Method, actual.Method);
        Assert.Equal(expected.Problem, actual.Problem);
        Assert.Equal(expected.Body.ValueKind, actual.Body.ValueKind);
        if (expected.Body.ValueKind != JsonValueKind.Undefined)
        {
            Assert.Equal(expected.Body.GetRawText(), actual.Body.GetRawText());
        }
    }
}
