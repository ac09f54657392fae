using System.Text;
using WebsockexAdapter.Rx.JsonRpc;

namespace WebsockexAdapter.Rx.Reliability.Tests.JsonRpc;

/// <summary>How each frame is classified, and the reason logged for each one skipped (pinned: it is what an operator reads).</summary>
public sealed class JsonRpcMessageTextTest
{
    public static TheoryData<string, string> Unusable => new()
    {
        { "[1]", "a JSON Array where an object was expected" },
        { "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}", "a request from the server, which this client does not serve" },
        { "{\"jsonrpc\":\"2.0\",\"result\":1}", "neither a reply (no id) nor a notification (no method)" },
        { "{\"jsonrpc\":\"2.0\",\"id\":\"7\",\"result\":1}", "a reply whose id this client never sent" },
        { "{\"jsonrpc\":\"2.0\",\"id\":7}", "a reply to id 7 with neither result nor error" },
        { "{\n\"id\":\n  1,\n   oops", "not valid JSON (line 3, byte 3)" },
    };

    [Theory]
    [MemberData(nameof(Unusable))]
    public void AnUnusableMessage_IsInvalid_WithItsReason(string json, string problem)
    {
        var message = JsonRpcMessage.Read(Frame.FromText(json));

        Assert.Equal(JsonRpcMessageKind.Invalid, message.Kind);
        Assert.Equal(problem, message.Problem);
    }

    [Fact]
    public void ABinaryFrame_IsInvalid_WithItsReason()
    {
        var message = JsonRpcMessage.Read(Frame.FromBinary(Encoding.UTF8.GetBytes("{\"id\":1,\"result\":1}")));

        Assert.Equal("a Binary frame where JSON text was expected", message.Problem);
    }

    [Fact]
    public void AMethodThatIsNotAString_DoesNotMakeANotification()
    {
        var message = JsonRpcMessage.Read(Frame.FromText("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":5,\"result\":\"x\"}"));

        Assert.Equal(JsonRpcMessageKind.Result, message.Kind);
        Assert.Equal(4, message.Id);
        Assert.Equal("x", message.Body.GetString());
    }

    [Fact]
    public void AnErrorThatIsNotAnObject_IsNotAnErrorReply()
    {
        var message = JsonRpcMessage.Read(Frame.FromText("{\"jsonrpc\":\"2.0\",\"id\":4,\"error\":\"text\",\"result\":\"x\"}"));

        Assert.Equal(JsonRpcMessageKind.Result, message.Kind);
        Assert.Equal("x", message.Body.GetString());
    }

    [Fact]
    public void ANullId_IsNoId()
    {
        var message = JsonRpcMessage.Read(Frame.FromText("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"subscription\",\"params\":{}}"));

        Assert.Equal(JsonRpcMessageKind.Notification, message.Kind);
        Assert.Equal("subscription", message.Method);
    }
}
