using System.Net.WebSockets;
using System.Reactive.Concurrency;
using WebsockexAdapter.Rx.Recording.Tests.Support;

namespace WebsockexAdapter.Rx.Recording.Tests.Recording;

/// <summary>Received frames are stamped exactly on a virtual clock, and on the wall clock never before the burst began nor before a request they may answer.</summary>
public sealed class ReceiveClockTest : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Now_OnAVirtualClock_ReadsTheSchedulerForEveryFrame()
    {
        var scheduler = new TestScheduler();
        var clock = new ReceiveClock(scheduler);

        var first = clock.Now(precise: true);
        scheduler.AdvanceBy(7);

        Assert.Equal(first.UtcTicks + 7, clock.Now(precise: false).UtcTicks);
    }

    [Fact]
    public void Now_OnTheWallClock_WithinABurst_IsNeverBeforeTheBurstsReadNorAfterTheTime()
    {
        var clock = new ReceiveClock(DefaultScheduler.Instance);

        var burst = clock.Now(precise: true);
        var inBurst = clock.Now(precise: false);
        var after = DefaultScheduler.Instance.Now;

        Assert.InRange(inBurst, burst, after);
    }

    [Fact]
    public async Task AFrameReceivedAfterASend_OnTheWallClock_IsStampedNoEarlierThanTheSend()
    {
        var path = _files.File();
        using (var recorder = SessionRecorder.Create(path))
        using (var transport = new RecordingTransport(new AlwaysReady(), recorder, DefaultScheduler.Instance, 0))
        {
            await transport.ReceiveLentAsync(CancellationToken.None);
            await transport.SendAsync(Frame.FromText("request"), CancellationToken.None);
            await transport.ReceiveLentAsync(CancellationToken.None);
        }

        var events = SessionRecording.Load(path).Events.Where(static e => e.Frame is not null).ToList();
        Assert.Equal([RecordedEventKind.Received, RecordedEventKind.Sent, RecordedEventKind.Received], events.Select(static e => e.Kind));
        Assert.True(events[2].Time >= events[1].Time, $"reply at {events[2].Time:O}, request at {events[1].Time:O}");
    }

    /// <summary>A socket whose next message has always arrived already: every receive completes without waiting.</summary>
    private sealed class AlwaysReady : ILendingTransport
    {
        private readonly byte[] _message = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":true}"u8.ToArray();

        public bool HandlesKeepAlive => false;

        public string? SubProtocol => null;

        public Task ConnectAsync(Uri uri, CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask<ReceivedMessage> ReceiveLentAsync(CancellationToken cancellationToken) => new(new ReceivedMessage(FrameKind.Text, _message));

        public ValueTask<Frame> ReceiveAsync(CancellationToken cancellationToken) => new(Frame.FromUtf8(_message));

        public ValueTask SendAsync(Frame frame, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public Task CloseAsync(WebSocketCloseStatus status, string? description, CancellationToken cancellationToken) => Task.CompletedTask;

        public void Abort()
        {
        }

        public void Dispose()
        {
        }
    }
}
