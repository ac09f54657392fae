using System.Globalization;
using System.Text;
using WebsockexAdapter.Rx.Tests.Transport.Rfc6455;

namespace WebsockexAdapter.Rx.Tests.Client;

/// <summary>
/// <see cref="IConnection.SubscribeViews"/> over the default transport: messages are lent, not copied, to view
/// observers; a message is copied into a <see cref="Frame"/> only for <see cref="IConnection.Frames"/>' subscribers,
/// and a frame kept after its call stays as it arrived while the receive buffer is reused under it.
/// </summary>
public sealed class ConnectionViewsTest
{
    private const int FewFrames = 200;
    private const int ManyFrames = 4_200;

    // A book change of the e2e feed's size (~270 bytes); the ids make every frame different.
    private const string ChangeTemplate =
        """{"jsonrpc":"2.0","method":"subscription","params":{"channel":"book.BTC-PERPETUAL.100ms","data":{"type":"change","timestamp":1733400000000,"prev_change_id":PREV,"instrument_name":"BTC-PERPETUAL","change_id":ID,"bids":[["change",97412.5,1000.0]],"asks":[]}}}""";

    internal static byte[] Change(int id) => Encoding.UTF8.GetBytes(ChangeTemplate
        .Replace("PREV", (id - 1).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("ID", id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));

    // A message that differs from a book change in every byte.
    internal static byte[] Other(int length) => Encoding.UTF8.GetBytes(new string('x', length));

    [Fact]
    public async Task ViewObserversOnly_CostNoAllocationPerMessage()
    {
        await ReceiveAsync(FewFrames, frames: false); // the first run pays for what is made once (JIT, pools)

        var perFrame = await AllocatedPerExtraFrameAsync(frames: false);

        Assert.True(perFrame < 16, $"{perFrame:F1} B per message with view observers only");
    }

    [Fact]
    public async Task AFramesSubscriber_GetsEachMessageCopiedIntoAFrame()
    {
        await ReceiveAsync(FewFrames, frames: true);

        var perFrame = await AllocatedPerExtraFrameAsync(frames: true);

        // The payload array (~270 bytes and its header) and the Frame: what the view observers are spared.
        Assert.True(perFrame > 300, $"{perFrame:F1} B per message with a Frames subscriber");
    }

    [Fact]
    public async Task AFrameKeptAfterItsCall_StaysIntact_WhenTheBufferIsReusedUnderIt()
    {
        using var server = await LendingConnection.OpenAsync();
        var kept = new List<Frame>();
        var viewed = new List<string>();
        using var frames = server.Connection.Frames.Subscribe(kept.Add);
        using var views = server.Connection.SubscribeViews(new Observer(view => viewed.Add(Encoding.UTF8.GetString(view.Payload))));
        var first = Change(1);
        var second = ServerWire.Frame(ServerWire.Text, Other(first.Length));

        // The first message and half of the second: after the first, the receive loop moves the half to the front of
        // its buffer (over the first message's bytes) and waits for the rest.
        server.Write([.. ServerWire.Frame(ServerWire.Text, first), .. second.AsSpan(0, second.Length / 2)]);
        server.Start();

        Assert.Equal([Encoding.UTF8.GetString(first)], viewed);
        Assert.Equal(first, Assert.Single(kept).Payload.ToArray());
    }

    [Fact]
    public async Task ViewToFrame_CopiesTheLentBytes()
    {
        using var server = await LendingConnection.OpenAsync();
        var kept = new List<Frame>();
        using var views = server.Connection.SubscribeViews(new Observer(view => kept.Add(view.ToFrame())));
        var second = ServerWire.Frame(ServerWire.Text, Other(Change(1).Length));

        server.Write([.. ServerWire.Frame(ServerWire.Text, Change(1)), .. second.AsSpan(0, second.Length / 2)]);
        server.Start();

        Assert.Equal(Change(1), Assert.Single(kept).Payload.ToArray());
    }

    [Fact]
    public async Task ViewObservers_SeeControlFramesAndTheEnd_LikeFrames()
    {
        using var server = await LendingConnection.OpenAsync();
        var viewed = new List<string>();
        var ended = new List<string>();
        using var views = server.Connection.SubscribeViews(new Observer(
            view => viewed.Add(view.Kind == FrameKind.Close ? $"Close {(int?)view.CloseStatus} {view.CloseDescription}" : $"{view.Kind} {Encoding.UTF8.GetString(view.Payload)}"),
            error => ended.Add(error.GetType().Name),
            () => ended.Add("completed")));

        server.Write([.. ServerWire.Frame(ServerWire.Text, "a"u8), .. ServerWire.Frame(ServerWire.Binary, "b"u8), .. ServerWire.Frame(ServerWire.Pong, "p"u8), .. ServerWire.CloseFrame(1000, "bye")]);
        server.Start();
        await server.Connection.Completion.WaitAsync(InMemoryServer.Patience);

        Assert.Equal(["Text a", "Binary b", "Pong p", "Close 1000 bye"], viewed);
        Assert.Equal(["completed"], ended);
        var late = new List<string>();
        server.Connection.SubscribeViews(new Observer(_ => late.Add("message"), error => late.Add(error.GetType().Name), () => late.Add("completed"))).Dispose();
        Assert.Equal(["completed"], late);
    }

    [Fact]
    public async Task ADisposedViewSubscription_GetsNothingMore()
    {
        using var server = await LendingConnection.OpenAsync();
        var viewed = 0;
        var subscription = server.Connection.SubscribeViews(new Observer(_ => viewed++));
        var others = 0;
        using var other = server.Connection.SubscribeViews(new Observer(_ => others++));

        subscription.Dispose();
        server.Write(ServerWire.Frame(ServerWire.Text, Change(1)));
        server.Start();

        Assert.Equal(0, viewed);
        Assert.Equal(1, others);
    }

    /// <summary>What receiving <see cref="ManyFrames"/> costs over receiving <see cref="FewFrames"/>, per extra message: what is made once cancels out.</summary>
    private static async Task<double> AllocatedPerExtraFrameAsync(bool frames)
    {
        var few = await ReceiveAsync(FewFrames, frames);
        var many = await ReceiveAsync(ManyFrames, frames);
        return (many - few) / (double)(ManyFrames - FewFrames);
    }

    /// <summary>Receives <paramref name="count"/> book changes through a view observer (and a Frames subscriber if asked); returns what receiving them allocated.</summary>
    private static async Task<long> ReceiveAsync(int count, bool frames)
    {
        using var server = await LendingConnection.OpenAsync();
        long bytes = 0;
        using var views = server.Connection.SubscribeViews(new Observer(view => bytes += view.Payload.Length));
        using var kept = frames ? server.Connection.Frames.Subscribe(static _ => { }) : null;
        var wire = new MemoryStream();
        for (var i = 1; i <= count; i++)
        {
            wire.Write(ServerWire.Frame(ServerWire.Text, Change(i)));
        }

        server.Write(wire.ToArray());
        var allocated = server.Start();

        Assert.Equal(Enumerable.Range(1, count).Sum(i => (long)Change(i).Length), bytes);
        return allocated;
    }

    private sealed class Observer(Action<FrameView> onNext, Action<Exception>? onError = null, Action? onCompleted = null) : IFrameViewObserver
    {
        public void OnNext(FrameView frame) => onNext(frame);

        public void OnError(Exception reason) => onError?.Invoke(reason);

        public void OnCompleted() => onCompleted?.Invoke();
    }
}
