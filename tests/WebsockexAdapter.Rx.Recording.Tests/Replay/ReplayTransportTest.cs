using System.Net;
using System.Reactive.Linq;
using WebsockexAdapter.Rx.Recording.Tests.Support;
using static WebsockexAdapter.Rx.Recording.Tests.Support.ScriptedRecording;

namespace WebsockexAdapter.Rx.Recording.Tests.Replay;

/// <summary>A standalone client over a replay: frames at their recorded times, drops and refusals as recorded, requests answered from the recording.</summary>
public sealed class ReplayTransportTest : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Replay_DeliversEveryFrameAtItsRecordedTime_AndReconnectsWhereTheRecordingDid()
    {
        List<(long Ticks, string Text)> live;
        SessionRecording recording;
        using (var session = new ScriptedRecording(_files.File()))
        {
            session.At(1 * Second, () => session.Transport.Last.SendText("a"));
            session.At(2 * Second, () => session.Transport.Last.SendText("b"));
            session.At(3 * Second, () => session.Transport.Last.Drop());
            session.At(5 * Second, () => session.Transport.Last.SendText("c"));
            session.At(5500 * Millisecond, () => session.Transport.Last.SendText("d"));
            session.Scheduler.AdvanceTo(6 * Second);
            live = session.Received;
            recording = session.Finish();
        }

        var replay = new SessionReplay(recording);
        using var client = ReplayClient(replay);
        var seen = new List<(long Ticks, string Text)>();
        var states = new List<ConnectionStatus>();
        using var frames = client.Frames.Where(static f => f.Kind == FrameKind.Text).Subscribe(f => seen.Add((replay.Scheduler.Now.UtcTicks, f.Text)));
        using var stateLog = client.States.Subscribe(s => states.Add(s.Status));

        replay.Run();

        Assert.Equal(live, seen);
        Assert.Equal(2, replay.TransportFactory.ConnectionsReplayed);
        Assert.Contains(ConnectionStatus.Reconnecting, states);
    }

    [Fact]
    public void Replay_ARequestSentAgain_IsAnsweredFromTheRecordingWithTheNewId()
    {
        SessionRecording recording;
        using (var session = new ScriptedRecording(_files.File()))
        {
            session.Transport.OnClientFrame = (socket, frame) => socket.SendAfter(TimeSpan.FromMilliseconds(5), Frame.FromText("""{"jsonrpc":"2.0","id":41,"result":"pong"}"""));
            session.At(1 * Second, () => session.Send("""{"jsonrpc":"2.0","id":41,"method":"public/test","params":{"x":1}}"""));
            session.Scheduler.AdvanceTo(2 * Second);
            recording = session.Finish();
        }

        var (send, seen) = ReplaySendingAtOneSecond(recording, """{"jsonrpc":"2.0","id":7,"method":"public/test","params":{"x":1}}""");

        Assert.True(send.IsCompletedSuccessfully);
        Assert.Equal([(1005 * Millisecond, """{"jsonrpc":"2.0","id":7,"result":"pong"}""")], seen);
    }

    [Fact]
    public void Replay_ChannelsSubscribedInTwoRequestsLive_AndInOneReplayed_AreAnsweredInOneReply()
    {
        // Live, the adapter sends the channels wanted when each pass starts: a subscription made as the connection came
        // up goes out on its own. Replayed, every subscription is made before the clock moves and goes out at once.
        SessionRecording recording;
        using (var session = new ScriptedRecording(_files.File()))
        {
            session.Transport.OnClientFrame = (socket, frame) =>
            {
                var id = frame.Text.Contains("\"id\":1,", StringComparison.Ordinal) ? 1 : 2;
                var channel = id == 1 ? "book.X.100ms" : "ticker.X.100ms";
                socket.SendAfter(TimeSpan.FromMilliseconds(5), Frame.FromText($$"""{"jsonrpc":"2.0","id":{{id}},"result":["{{channel}}"],"usIn":1}"""));
            };
            session.At(1 * Second, () => session.Send("""{"jsonrpc":"2.0","id":1,"method":"public/subscribe","params":{"channels":["book.X.100ms"]}}"""));
            session.At(1010 * Millisecond, () => session.Send("""{"jsonrpc":"2.0","id":2,"method":"public/subscribe","params":{"channels":["ticker.X.100ms"]}}"""));
            session.Scheduler.AdvanceTo(2 * Second);
            recording = session.Finish();
        }

        var (send, seen) = ReplaySendingAtOneSecond(recording, """{"jsonrpc":"2.0","id":7,"method":"public/subscribe","params":{"channels":["ticker.X.100ms","book.X.100ms"]}}""");

        Assert.True(send.IsCompletedSuccessfully);
        Assert.Equal([(1005 * Millisecond, """{"jsonrpc":"2.0","id":7,"result":["ticker.X.100ms","book.X.100ms"],"usIn":1}""")], seen);
    }

    [Fact]
    public void Replay_ChannelsTheRecordedRequestsDoNotCoverExactly_AreStillATypedError()
    {
        SessionRecording recording;
        using (var session = new ScriptedRecording(_files.File()))
        {
            session.At(1 * Second, () => session.Send("""{"jsonrpc":"2.0","id":1,"method":"public/subscribe","params":{"channels":["a"]}}"""));
            session.At(1010 * Millisecond, () => session.Send("""{"jsonrpc":"2.0","id":2,"method":"public/subscribe","params":{"channels":["b"]}}"""));
            session.Scheduler.AdvanceTo(2 * Second);
            recording = session.Finish();
        }

        var replay = new SessionReplay(recording);
        using var client = ReplayClient(replay);
        using var frames = client.Frames.Subscribe(static _ => { }, static _ => { });
        replay.RunTo(recording.Start.AddSeconds(1));

        var send = client.SendTextAsync("""{"jsonrpc":"2.0","id":7,"method":"public/subscribe","params":{"channels":["a","b","c"]}}""").AsTask();

        Assert.IsType<ReplayRequestNotRecordedException>(send.Exception?.InnerException);
    }

    [Fact]
    public void Replay_ARequestTheRecordingNeverSent_IsATypedError()
    {
        SessionRecording recording;
        using (var session = new ScriptedRecording(_files.File()))
        {
            session.At(1 * Second, () => session.Send("""{"jsonrpc":"2.0","id":1,"method":"public/test","params":{"x":1}}"""));
            session.Scheduler.AdvanceTo(2 * Second);
            recording = session.Finish();
        }

        var replay = new SessionReplay(recording);
        using var client = ReplayClient(replay);
        using var frames = client.Frames.Subscribe(static _ => { }, static _ => { });
        replay.RunTo(recording.Start.AddSeconds(1));

        var other = client.SendTextAsync("""{"jsonrpc":"2.0","id":2,"method":"private/buy","params":{"amount":10}}""").AsTask();
        var sameMethodOtherParams = client.SendTextAsync("""{"jsonrpc":"2.0","id":3,"method":"public/test","params":{"x":2}}""").AsTask();

        var error = Assert.IsType<ReplayRequestNotRecordedException>(other.Exception!.InnerException);
        Assert.Equal("private/buy", error.Method);
        Assert.False(error.IsTransient);
        Assert.IsType<ReplayRequestNotRecordedException>(sameMethodOtherParams.Exception!.InnerException);
        Assert.Equal(ConnectionStatus.Connected, client.CurrentState.Status);
    }

    [Fact]
    public void Replay_ARefusedHandshake_IsRefusedAgainWithItsStatus()
    {
        SessionRecording recording;
        using (var session = new ScriptedRecording(_files.File(), server: static t => t.OnConnect = static socket =>
        {
            if (socket.Index == 0)
            {
                socket.Reject(HttpStatusCode.ServiceUnavailable);
            }
            else
            {
                socket.Accept();
            }
        }))
        {
            session.At(1500 * Millisecond, () => session.Transport.Last.SendText("after the refusal"));
            session.Scheduler.AdvanceTo(2 * Second);
            recording = session.Finish();
        }

        var replay = new SessionReplay(recording);
        using var client = ReplayClient(replay);
        var errors = new List<Exception?>();
        var seen = new List<string>();
        using var states = client.States.Subscribe(s => errors.Add(s.Error));
        using var frames = client.Frames.Where(static f => f.Kind == FrameKind.Text).Subscribe(f => seen.Add(f.Text));

        replay.Run();

        Assert.Contains(errors, e => e is HandshakeRejectedException { StatusCode: HttpStatusCode.ServiceUnavailable });
        Assert.Equal(["after the refusal"], seen);
    }

    [Fact]
    public void Replay_PastTheLastRecordedConnection_FailsWithReplayEnded()
    {
        SessionRecording recording;
        using (var session = new ScriptedRecording(_files.File(), server: static t => t.OnConnect = static socket =>
        {
            if (socket.Index == 0)
            {
                socket.Accept();
            }
        }))
        {
            session.At(1 * Second, () => session.Transport.Last.Drop());
            session.Scheduler.AdvanceTo(1500 * Millisecond);
            recording = session.Finish();
        }

        var replay = new SessionReplay(recording);
        using var client = new WebSocketClient(new Uri("ws://exchange.test/ws"), new ClientOptions { KeepAlive = KeepAliveOptions.Disabled, ReconnectOnError = false }.ReplayFrom(replay));
        Exception? ended = null;
        using var first = client.Connections.Subscribe(static _ => { }, e => ended = e);
        replay.Run();
        using var second = client.Connections.Subscribe(static _ => { }, e => ended = e);
        replay.RunTo(replay.Scheduler.Now.AddSeconds(1));

        Assert.IsType<ReplayEndedException>(ended);
    }

    [Fact]
    public void Replay_TimeBasedOperators_SeeRecordedTime()
    {
        SessionRecording recording;
        using (var session = new ScriptedRecording(_files.File()))
        {
            foreach (var ms in new[] { 100, 200, 900, 1100, 2500, 2600, 2700 })
            {
                session.At(ms * Millisecond, () => session.Transport.Last.SendText($"{ms}"));
            }

            session.Scheduler.AdvanceTo(3 * Second);
            recording = session.Finish();
        }

        var replay = new SessionReplay(recording);
        using var client = ReplayClient(replay);
        var windows = new List<int>();
        using var counts = client.Frames.Where(static f => f.Kind == FrameKind.Text)
            .Buffer(TimeSpan.FromSeconds(1), replay.Scheduler)
            .Subscribe(b => windows.Add(b.Count));

        replay.Run();

        Assert.Equal([3, 1, 3], windows);
    }

    [Fact]
    public async Task RunPacedAsync_AtNTimes_TakesTheRecordedSpanOverN()
    {
        SessionRecording recording;
        using (var session = new ScriptedRecording(_files.File()))
        {
            session.At(2 * Second, () => session.Transport.Last.SendText("late"));
            session.Scheduler.AdvanceTo(2 * Second);
            recording = session.Finish();
        }

        var replay = new SessionReplay(recording);
        using var client = ReplayClient(replay);
        var seen = new List<string>();
        using var frames = client.Frames.Where(static f => f.Kind == FrameKind.Text).Subscribe(f => seen.Add(f.Text));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        await replay.RunPacedAsync(10).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["late"], seen);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(190), $"took {watch.Elapsed}");
    }

    /// <summary>
    /// Replays <paramref name="recording"/>, sends <paramref name="request"/> one second in and runs the replay out: the
    /// send, and the text frames received with their replayed times.
    /// </summary>
    private static (Task Send, List<(long Ticks, string Text)> Seen) ReplaySendingAtOneSecond(SessionRecording recording, string request)
    {
        var replay = new SessionReplay(recording);
        using var client = ReplayClient(replay);
        var seen = new List<(long Ticks, string Text)>();
        using var frames = client.Frames.Where(static f => f.Kind == FrameKind.Text).Subscribe(f => seen.Add((replay.Scheduler.Now.UtcTicks, f.Text)));
        replay.RunTo(recording.Start.AddSeconds(1));
        var send = client.SendTextAsync(request).AsTask();

        replay.Run();
        return (send, seen);
    }

    private static WebSocketClient ReplayClient(SessionReplay replay) => new(
        new Uri("ws://exchange.test/ws"),
        new ClientOptions
        {
            KeepAlive = KeepAliveOptions.Disabled,
            Backoff = new BackoffOptions { InitialDelay = TimeSpan.FromSeconds(1), UseJitter = false, CircuitBreaker = null },
        }.ReplayFrom(replay));
}
