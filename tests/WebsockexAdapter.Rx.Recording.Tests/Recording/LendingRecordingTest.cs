using System.Net.WebSockets;
using System.Reactive.Linq;
using System.Text;
using WebsockexAdapter.Rx.Recording.Tests.Support;

namespace WebsockexAdapter.Rx.Recording.Tests.Recording;

/// <summary>
/// Recording must not bring back the copy per message that a lending transport (the default RFC 6455 one) saves: the
/// recorder lends what its inner transport lends and records the bytes before they are reused.
/// </summary>
public sealed class LendingRecordingTest : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task ARecordedConnection_OverALendingTransport_StaysOnTheLentPath_AndRecordsEveryMessagesBytes()
    {
        string[] messages = ["first", "second message", "3rd"];
        var transport = new ReusedBufferTransport(messages);
        var path = _files.File();
        var scheduler = new TestScheduler();
        var received = new List<string>();
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (var recorder = SessionRecorder.Create(path, new RecordingOptions { Scheduler = scheduler }))
        using (var client = new WebSocketClient(new Uri("ws://exchange.test/ws"), new ClientOptions
        {
            TransportFactory = recorder.Wrap(new OneTransport(transport)),
            Scheduler = scheduler,
            KeepAlive = KeepAliveOptions.Disabled,
            ReconnectOnError = false,
        }))
        using (client.Frames.Where(static f => f.Kind == FrameKind.Text).Subscribe(f => received.Add(f.Text), _ => ended.TrySetResult(), ended.SetResult))
        {
            scheduler.AdvanceBy(TimeSpan.FromSeconds(1).Ticks);
            await ended.Task.WaitAsync(TimeSpan.FromSeconds(10));
            scheduler.AdvanceBy(1);
        }

        Assert.Equal(0, transport.CopyingReceives);
        Assert.Equal(messages, received);
        var recorded = SessionRecording.Load(path).Events
            .Where(static e => e.Kind == RecordedEventKind.Received && e.Frame!.Kind == FrameKind.Text)
            .Select(static e => e.Frame!.Text);
        Assert.Equal(messages, recorded);
    }

    /// <summary>
    /// Lends every message from one buffer that the next receive overwrites (as the RFC 6455 transport's receive buffer
    /// is), then closes; counts the calls of the copying receive, which a lending connection never makes.
    /// </summary>
    private sealed class ReusedBufferTransport(IReadOnlyList<string> messages) : ILendingTransport
    {
        private readonly byte[] _buffer = new byte[256];
        private int _next;

        public int CopyingReceives { get; private set; }

        public bool HandlesKeepAlive => false;

        public string? SubProtocol => null;

        public Task ConnectAsync(Uri uri, CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask<ReceivedMessage> ReceiveLentAsync(CancellationToken cancellationToken) => new(Next());

        public ValueTask<Frame> ReceiveAsync(CancellationToken cancellationToken)
        {
            CopyingReceives++;
            return new(Next().ToFrame());
        }

        private ReceivedMessage Next()
        {
            _buffer.AsSpan().Fill((byte)'#');
            if (_next == messages.Count)
            {
                return new ReceivedMessage(Frame.Close(WebSocketCloseStatus.NormalClosure));
            }

            var length = Encoding.UTF8.GetBytes(messages[_next++], _buffer);
            return new ReceivedMessage(FrameKind.Text, _buffer.AsMemory(0, length));
        }

        public ValueTask SendAsync(Frame frame, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public Task CloseAsync(WebSocketCloseStatus status, string? description, CancellationToken cancellationToken) => Task.CompletedTask;

        public void Abort()
        {
        }

        public void Dispose()
        {
        }
    }

    private sealed class OneTransport(IWebSocketTransport transport) : IWebSocketTransportFactory
    {
        public IWebSocketTransport Create(ClientOptions options) => transport;
    }
}
