using System.Net.WebSockets;
using System.Reactive.Subjects;
using System.Text;
using WebsockexAdapter.Rx.Tests.Support;

namespace WebsockexAdapter.Rx.Tests.Frames;

/// <summary>
/// Views over any connection: <see cref="IConnection.SubscribeViews"/>' default implementation reads a connection's
/// <see cref="IConnection.Frames"/> (a view of a frame lends the frame's own bytes), the callback overload forwards
/// everything, and the client's own pipeline watches a connection's end without subscribing to its frames.
/// </summary>
public sealed class FrameViewTest
{
    [Fact]
    public void DefaultSubscribeViews_LendsEachFramesOwnBytes_AndForwardsTheEnd()
    {
        var frames = new Subject<Frame>();
        IConnection connection = new FramesOnlyConnection(frames);
        var seen = new List<string>();
        var made = new List<Frame>();
        using var views = connection.SubscribeViews(
            view =>
            {
                seen.Add($"{view.Kind} {Encoding.UTF8.GetString(view.Payload)} {view.ToString()}");
                made.Add(view.ToFrame());
            },
            error => seen.Add($"error {error.Message}"),
            () => seen.Add("completed"));
        var text = Frame.FromText("hi");

        frames.OnNext(text);
        frames.OnNext(Frame.Close(WebSocketCloseStatus.NormalClosure, "bye"));
        frames.OnError(new InvalidOperationException("gone"));

        Assert.Equal(["Text hi Text(2 bytes)", "Close  Close(1000 NormalClosure)", "error gone"], seen);
        Assert.Same(text, made[0]); // a view of a frame is that frame: nothing copied
        Assert.Equal("bye", new FrameView(made[1]).CloseDescription);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, new FrameView(made[1]).CloseStatus);
    }

    [Fact]
    public void CallbackSubscribeViews_ForwardsCompletion_AndDisposingStopsIt()
    {
        var frames = new Subject<Frame>();
        IConnection connection = new FramesOnlyConnection(frames);
        var seen = new List<string>();
        var views = connection.SubscribeViews(view => seen.Add(Encoding.UTF8.GetString(view.Payload)), error => seen.Add("error"), () => seen.Add("completed"));

        frames.OnNext(Frame.FromText("a"));
        views.Dispose();
        frames.OnNext(Frame.FromText("b"));
        using var again = connection.SubscribeViews(view => { }, error => { }, () => seen.Add("completed"));
        frames.OnCompleted();

        Assert.Equal(["a", "completed"], seen);
    }

    [Fact]
    public void SubscribeViews_RefusesNullArguments()
    {
        IConnection connection = new FramesOnlyConnection(new Subject<Frame>());

        Assert.Throws<ArgumentNullException>(() => connection.SubscribeViews(null!));
        Assert.Throws<ArgumentNullException>(() => connection.SubscribeViews(null!, _ => { }, () => { }));
        Assert.Throws<ArgumentNullException>(() => connection.SubscribeViews(_ => { }, null!, () => { }));
        Assert.Throws<ArgumentNullException>(() => connection.SubscribeViews(_ => { }, _ => { }, null!));
        Assert.Throws<ArgumentNullException>(() => FrameViewExtensions.SubscribeViews(null!, _ => { }, _ => { }, () => { }));
        Assert.Throws<ArgumentNullException>(() => new FrameView(null!));
    }

    [Fact]
    public void TheClientsOwnPipeline_WatchesAConnectionsEnd_WithoutSubscribingToItsFrames()
    {
        var scheduler = new TestScheduler();
        var server = new ScriptedTransport(scheduler);
        using var client = ScriptedClient.Create(scheduler, server);
        IConnection? connection = null;
        var ended = false;
        using var connections = client.Connections.Subscribe(c => connection = c, _ => ended = true, () => ended = true);
        scheduler.AdvanceBy(1);

        // Nobody reads Frames, so no message is copied into a frame.
        Assert.False(((Connection)connection!).HasFrameSubscribers);
        server.Last.Close(WebSocketCloseStatus.NormalClosure, "done");
        scheduler.AdvanceBy(1);
        Assert.True(ended);
        Assert.Null(client.CurrentConnection);
    }

    /// <summary>A connection that only has <see cref="IConnection.Frames"/>, as a user's own implementation might.</summary>
    private sealed class FramesOnlyConnection(IObservable<Frame> frames) : IConnection
    {
        public string Id => "only-frames";

        public Uri Uri { get; } = new("ws://example.test/");

        public DateTimeOffset ConnectedAt => DateTimeOffset.UnixEpoch;

        public string? SubProtocol => null;

        public bool IsOpen => true;

        public IObservable<Frame> Frames => frames;

        public ValueTask SendAsync(Frame frame, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask SendTextAsync(string text, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public Task CloseAsync(WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure, string? description = null) => Task.CompletedTask;

        public void Abort(Exception reason)
        {
        }
    }
}
