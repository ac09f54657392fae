using System.Net.WebSockets;
using WebsockexAdapter.Rx.JsonRpc;
using WebsockexAdapter.Rx.Reliability.Tests.Support;

namespace WebsockexAdapter.Rx.Reliability.Tests.JsonRpc;

/// <summary>
/// The JSON-RPC session's edges, found by mutation testing: argument checks, the errors a call ends with (and their
/// texts and connection ids), the log line for each skipped message, and no timer left behind by any ending.
/// </summary>
public sealed class JsonRpcSessionEdgeTest : IDisposable
{
    private readonly ScriptedRpc _rpc = new();

    public void Dispose() => _rpc.Dispose();

    [Fact]
    public async Task ASessionNeedsAConnection_AndACallNeedsAMethod()
    {
        Assert.Throws<ArgumentNullException>(() => new JsonRpcSession(null!));
        await Assert.ThrowsAsync<ArgumentException>(() => _rpc.Session.CallAsync(string.Empty));
    }

    [Fact]
    public void AnErrorReply_EndsTheCall_AndReleasesItsTimer()
    {
        var call = _rpc.Call();
        _rpc.Reply("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":13009,\"message\":5}}");

        var refused = Assert.IsType<JsonRpcException>(call.Exception!.InnerException);
        Assert.Equal(13009, refused.Code);
        Assert.Equal(string.Empty, refused.ErrorMessage);
        Assert.Equal(0, _rpc.Timers.Pending);
    }

    [Fact]
    public void AnErrorReplyWithoutAMessage_HasAnEmptyMessage()
    {
        var call = _rpc.Call();
        _rpc.Reply("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32601}}");

        Assert.Equal(string.Empty, Assert.IsType<JsonRpcException>(call.Exception!.InnerException).ErrorMessage);
    }

    [Fact]
    public async Task AResult_ReleasesTheCallsTimer()
    {
        var call = _rpc.Call();
        _rpc.Reply("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":true}");

        Assert.True(call.IsCompletedSuccessfully);
        Assert.True((await call).GetBoolean());
        Assert.Equal(0, _rpc.Timers.Pending);
    }

    [Fact]
    public void ATimeout_IsLogged()
    {
        var call = _rpc.Call();
        _rpc.Clock.AdvanceBy(TimeSpan.FromSeconds(6).Ticks);

        Assert.IsType<JsonRpcTimeoutException>(call.Exception!.InnerException);
        Assert.Contains(_rpc.Logs.Drain(), l => l.Contains("[102]", StringComparison.Ordinal) && l.Contains("public/test (id 1) timed out after 5000 ms", StringComparison.Ordinal));
    }

    [Fact]
    public void SkippedMessages_AreLoggedWithTheirReason()
    {
        _rpc.Reply("not json");
        _rpc.Reply("{\"jsonrpc\":\"2.0\",\"id\":99,\"result\":1}");

        var lines = _rpc.Logs.Drain();
        Assert.Contains(lines, l => l.Contains("[100]", StringComparison.Ordinal) && l.Contains("Skipped a message: not valid JSON", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("[101]", StringComparison.Ordinal) && l.Contains("id 99", StringComparison.Ordinal));
        Assert.Equal(2, _rpc.Session.SkippedMessages);
    }

    [Fact]
    public void AThrowingNotificationObserver_IsLogged_AndTheSessionCarriesOn()
    {
        var seen = 0;
        using var faulty = _rpc.Session.Notifications.Subscribe(_ =>
        {
            seen++;
            throw new InvalidOperationException("observer bug");
        });
        _rpc.Reply("{\"jsonrpc\":\"2.0\",\"method\":\"heartbeat\",\"params\":{}}");
        var call = _rpc.Call();
        _rpc.Reply("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":1}");

        Assert.Equal(1, seen);
        Assert.True(call.IsCompletedSuccessfully);
        Assert.Contains(_rpc.Logs.Drain(), l => l.Contains("[104]", StringComparison.Ordinal) && l.Contains("observer bug", StringComparison.Ordinal));
    }

    [Fact]
    public void ANormalClose_FailsPendingCallsAsClosed_AndCompletesTheNotifications()
    {
        var completed = false;
        using var notifications = _rpc.Session.Notifications.Subscribe(_ => { }, () => completed = true);
        var call = _rpc.Call();
        _rpc.Run(() => _rpc.Socket.Close(WebSocketCloseStatus.NormalClosure));

        var lost = Assert.IsType<ConnectionLostException>(call.Exception!.InnerException);
        Assert.Equal("The connection closed before the reply arrived.", lost.Message);
        Assert.Null(lost.InnerException);
        Assert.Equal(_rpc.Session.Connection.Id, lost.ConnectionId);
        Assert.True(completed);
        Assert.Equal(0, _rpc.Timers.Pending);
        Assert.Contains(_rpc.Logs.Drain(), l => l.Contains("[103]", StringComparison.Ordinal) && l.Contains("1 calls pending", StringComparison.Ordinal));
    }

    [Fact]
    public void ADrop_FailsPendingCallsWithTheCause()
    {
        Exception? ended = null;
        using var notifications = _rpc.Session.Notifications.Subscribe(_ => { }, e => ended = e);
        var call = _rpc.Call();
        _rpc.Run(_rpc.Socket.Drop);

        var lost = Assert.IsType<ConnectionLostException>(call.Exception!.InnerException);
        Assert.StartsWith("The connection was lost before the reply arrived: ", lost.Message, StringComparison.Ordinal);
        Assert.NotNull(lost.InnerException);
        Assert.Same(ended, lost.InnerException);
        Assert.Equal(_rpc.Session.Connection.Id, lost.ConnectionId);
    }

    [Fact]
    public void AnEndWithNothingPending_LogsNoFailingCalls()
    {
        _rpc.Run(_rpc.Socket.Drop);

        Assert.DoesNotContain(_rpc.Logs.Drain(), l => l.Contains("[103]", StringComparison.Ordinal));
    }

    [Fact]
    public void Dispose_FailsPendingCalls_StopsReading_AndLaterCallsFailAtOnce()
    {
        var pending = _rpc.Call();
        _rpc.Run(_rpc.Session.Dispose);
        _rpc.Reply("not json");

        var lost = Assert.IsType<ConnectionLostException>(pending.Exception!.InnerException);
        Assert.Equal("The JSON-RPC session was disposed before the reply arrived.", lost.Message);
        Assert.Equal(_rpc.Session.Connection.Id, lost.ConnectionId);
        Assert.Equal(0, _rpc.Session.SkippedMessages);
        Assert.True(_rpc.Session.IsEnded);

        var later = _rpc.Call();
        var refused = Assert.IsType<NotConnectedException>(later.Exception!.InnerException);
        Assert.Equal($"Connection {_rpc.Session.Connection.Id} has ended; the request was not sent.", refused.Message);
        Assert.Equal(_rpc.Session.Connection.Id, refused.ConnectionId);
        Assert.Equal(0, _rpc.Timers.Pending);
    }
}
