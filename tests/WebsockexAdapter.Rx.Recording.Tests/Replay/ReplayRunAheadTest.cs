using System.Reactive.Concurrency;
using System.Reactive.Linq;
using WebsockexAdapter.Rx.Recording.Tests.Support;
using static WebsockexAdapter.Rx.Recording.Tests.Support.ScriptedRecording;

namespace WebsockexAdapter.Rx.Recording.Tests.Replay;

/// <summary>
/// A replayed connection hands its frames to the client without an item of its own on the clock (it runs what is due
/// before each frame, then moves the clock to it); everything else still happens at its time and in its order.
/// </summary>
public sealed class ReplayRunAheadTest : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Replay_HandsFramesOver_WithoutAnItemPerFrame()
    {
        var replay = new SessionReplay(Recorded(Enumerable.Range(1, 100).Select(static i => i * 10).ToArray()));
        using var client = ReplayClient(replay);
        var seen = 0;
        using var frames = client.Frames.Where(static f => f.Kind == FrameKind.Text).Subscribe(_ => seen++);

        replay.Run();

        Assert.Equal(100, seen);
        Assert.True(((ReplayScheduler)replay.Scheduler).ItemsScheduled < 20, $"{((ReplayScheduler)replay.Scheduler).ItemsScheduled} items for 100 frames");
    }

    [Fact]
    public void Timers_DueBetweenFrames_OrAtAFramesTime_RunInTheirPlace_AtTheirTime()
    {
        var replay = new SessionReplay(Recorded(100, 200, 300));
        using var client = ReplayClient(replay);
        var log = new List<string>();
        void Log(string what) => log.Add($"{what}@{replay.Scheduler.Now.UtcTicks / Millisecond}");
        replay.Scheduler.Schedule(At(150), () =>
        {
            Log("timer");

            // Scheduled after the receive loop asked for the frame at 200: Rx runs it after that frame.
            replay.Scheduler.Schedule(At(200), () => Log("scheduled-later"));
        });
        replay.Scheduler.Schedule(At(200), () => Log("scheduled-first"));
        using var frames = client.Frames.Where(static f => f.Kind == FrameKind.Text).Subscribe(f =>
        {
            Log(f.Text);
            if (f.Text == "200")
            {
                // Scheduled before the receive loop asks for the frame at 300: it runs before it.
                replay.Scheduler.Schedule(At(300), () => Log("scheduled-by-frame"));
            }
        });

        replay.Run();

        Assert.Equal(["100@100", "timer@150", "scheduled-first@200", "200@200", "scheduled-later@200", "scheduled-by-frame@300", "300@300"], log);
    }

    [Fact]
    public void RunTo_StopsAtItsTime_WithTheFramesAfterItStillToCome()
    {
        var replay = new SessionReplay(Recorded(100, 200, 300));
        using var client = ReplayClient(replay);
        var seen = new List<string>();
        using var frames = client.Frames.Where(static f => f.Kind == FrameKind.Text).Subscribe(f => seen.Add(f.Text));

        replay.RunTo(At(250));
        var atStop = seen.ToArray();
        replay.Run();

        Assert.Equal(["100", "200"], atStop);
        Assert.Equal(["100", "200", "300"], seen);
    }

    [Fact]
    public void Stop_InATimerBetweenFrames_StopsTheRun_BeforeTheNextFrame()
    {
        var replay = new SessionReplay(Recorded(100, 200, 300));
        using var client = ReplayClient(replay);
        var seen = new List<string>();
        using var frames = client.Frames.Where(static f => f.Kind == FrameKind.Text).Subscribe(f => seen.Add(f.Text));
        replay.Scheduler.Schedule(At(150), replay.Scheduler.Stop);

        replay.Run();

        Assert.Equal(["100"], seen);
    }

    [Fact]
    public void ATimerThatThrows_BetweenFrames_ThrowsOutOfRun_AndTheConnectionStaysUp()
    {
        var replay = new SessionReplay(Recorded(100, 200, 300));
        using var client = ReplayClient(replay);
        var seen = new List<string>();
        using var frames = client.Frames.Where(static f => f.Kind == FrameKind.Text).Subscribe(f => seen.Add(f.Text));
        replay.Scheduler.Schedule(At(150), static () => throw new InvalidOperationException("the strategy's bug"));

        var error = Assert.Throws<InvalidOperationException>(replay.Run);

        Assert.Equal("the strategy's bug", error.Message);
        Assert.Equal(["100"], seen);
        Assert.Equal(ConnectionStatus.Connected, client.CurrentState.Status);
    }

    [Fact]
    public void AReplySentForByATimerBetweenFrames_ArrivesAtTheTimersTime_NotAtTheNextFrames()
    {
        SessionRecording recording;
        using (var session = new ScriptedRecording(_files.File()))
        {
            session.Transport.OnClientFrame = (socket, frame) => socket.SendAfter(TimeSpan.FromMilliseconds(5), Frame.FromText("""{"jsonrpc":"2.0","id":41,"result":"pong"}"""));
            session.At(100 * Millisecond, () => session.Transport.Last.SendText("100"));
            session.At(1 * Second, () => session.Send("""{"jsonrpc":"2.0","id":41,"method":"public/test","params":{"x":1}}"""));
            session.At(2 * Second, () => session.Transport.Last.SendText("2000"));
            session.Scheduler.AdvanceTo(3 * Second);
            recording = session.Finish();
        }

        var replay = new SessionReplay(recording);
        using var client = ReplayClient(replay);
        var seen = new List<(long Ms, string Text)>();
        using var frames = client.Frames.Where(static f => f.Kind == FrameKind.Text).Subscribe(f => seen.Add((replay.Scheduler.Now.UtcTicks / Millisecond, f.Text)));
        replay.Scheduler.Schedule(At(1500), () => _ = client.SendTextAsync("""{"jsonrpc":"2.0","id":7,"method":"public/test","params":{"x":1}}""").AsTask());

        replay.Run();

        Assert.Equal([(100, "100"), (1500, """{"jsonrpc":"2.0","id":7,"result":"pong"}"""), (2000, "2000")], seen);
    }

    /// <summary>A time of the scripted session (its clock starts at 0), which the replay plays at the same time.</summary>
    private static DateTimeOffset At(int milliseconds) => new(milliseconds * Millisecond, TimeSpan.Zero);

    /// <summary>A session whose server sent the text of each time (in ms) at that time.</summary>
    private SessionRecording Recorded(params int[] milliseconds)
    {
        using var session = new ScriptedRecording(_files.File());
        foreach (var ms in milliseconds)
        {
            session.At(ms * Millisecond, () => session.Transport.Last.SendText($"{ms}"));
        }

        session.Scheduler.AdvanceTo((milliseconds[^1] + 100) * Millisecond);
        return session.Finish();
    }

    private static WebSocketClient ReplayClient(SessionReplay replay) => new(
        new Uri("ws://exchange.test/ws"),
        new ClientOptions
        {
            KeepAlive = KeepAliveOptions.Disabled,
            Backoff = new BackoffOptions { InitialDelay = TimeSpan.FromSeconds(1), UseJitter = false, CircuitBreaker = null },
        }.ReplayFrom(replay));
}
