using System.Net.WebSockets;
using System.Reactive.Linq;

namespace WebsockexAdapter.Rx.Recording.Tests.Support;

/// <summary>
/// A standalone client on a test scheduler, over a scripted server, recorded: the test plays the server, then
/// <see cref="Finish"/> disposes the client and the recorder and loads the file.
/// </summary>
internal sealed class ScriptedRecording : IDisposable
{
    public static readonly long Second = TimeSpan.FromSeconds(1).Ticks;
    public static readonly long Millisecond = TimeSpan.FromMilliseconds(1).Ticks;

    private readonly IDisposable _frames;

    /// <param name="path">The recording.</param>
    /// <param name="options">How to record (the test scheduler is added).</param>
    /// <param name="server">Sets the scripted server up before the client connects.</param>
    public ScriptedRecording(string path, RecordingOptions? options = null, Action<ScriptedTransport>? server = null)
    {
        Path = path;
        Transport = new ScriptedTransport(Scheduler);
        server?.Invoke(Transport);
        Recorder = SessionRecorder.Create(path, (options ?? new RecordingOptions()) with { Scheduler = Scheduler });
        Client = new WebSocketClient(new Uri("ws://exchange.test/ws?key=secret"), new ClientOptions
        {
            TransportFactory = Recorder.Wrap(Transport),
            Scheduler = Scheduler,
            KeepAlive = KeepAliveOptions.Disabled,
            // A second after a drop too (not at once, the default), so recorded reconnects fall on whole seconds.
            Backoff = new BackoffOptions { InitialDelay = TimeSpan.FromSeconds(1), FirstRetryAfterDrop = TimeSpan.FromSeconds(1), UseJitter = false, CircuitBreaker = null },
        });
        _frames = Client.Frames.Where(static f => f.Kind == FrameKind.Text).Subscribe(f => Received.Add((Scheduler.Clock, f.Text)));
    }

    public string Path { get; }

    public TestScheduler Scheduler { get; } = new();

    public ScriptedTransport Transport { get; }

    public SessionRecorder Recorder { get; }

    public WebSocketClient Client { get; }

    /// <summary>The text frames the live client saw, with the virtual time it saw them.</summary>
    public List<(long Ticks, string Text)> Received { get; } = [];

    public void At(long ticks, Action action) => Scheduler.ScheduleAbsolute(0, ticks, (_, _) =>
    {
        action();
        return System.Reactive.Disposables.Disposable.Empty;
    });

    /// <summary>The live client sends <paramref name="text"/>; the send's outcome is the test's to check elsewhere.</summary>
    public void Send(string text) => _ = Client.SendTextAsync(text).AsTask();

    public SessionRecording Finish()
    {
        Dispose();
        return SessionRecording.Load(Path);
    }

    public void Dispose()
    {
        _frames.Dispose();
        Client.Dispose();
        Scheduler.AdvanceBy(1);
        Recorder.Dispose();
    }

    public static void Close(ScriptedSocket socket) => socket.Close(WebSocketCloseStatus.NormalClosure);
}
