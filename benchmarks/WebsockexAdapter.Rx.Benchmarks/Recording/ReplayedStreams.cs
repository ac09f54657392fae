using WebsockexAdapter.Rx.Benchmarks.EndToEnd;
using WebsockexAdapter.Rx.Benchmarks.EndToEnd.Contenders;
using WebsockexAdapter.Rx.Benchmarks.Loopback;
using WebsockexAdapter.Rx.Deribit;
using WebsockexAdapter.Rx.Recording;

namespace WebsockexAdapter.Rx.Benchmarks.Recording;

/// <summary>
/// The replay rows: one recorded round of the blast played as fast as possible on the replay's
/// <c>HistoricalScheduler</c>, through three layers, so the report shows where a replay's time goes: the client's
/// <see cref="WebSocketClient.Frames"/> (the replay's own cost: the recording's frames handed to the receive loop at
/// their recorded times), the adapter's raw channel stream (a JSON parse and the router), and the typed,
/// continuity-checked book (the floor's row). Loading the file is not timed; the clock runs from the first message
/// to the last, as for the live rows.
/// </summary>
internal static class ReplayedStreams
{
    public const string FramesName = "WebSocketClient.Frames, payload, replayed";
    public const string ChannelName = "DeribitAdapter.Subscribe (JsonElement), replayed";
    public const string BookName = "DeribitAdapter.SubscribeBook (typed), replayed";
    public const string BookOnRxSchedulerName = "DeribitAdapter.SubscribeBook (typed), replayed on Rx's HistoricalScheduler";

    /// <summary>The first <paramref name="messages"/> text frames of the recording that are not replies (the replayed client sends no request, so replies stay held); checksum: their payload bytes.</summary>
    public static long Frames(SessionRecording recording, int messages, RoundClock clock)
    {
        var replay = new SessionReplay(recording);
        using var client = new WebSocketClient(new Uri("ws://127.0.0.1/"), new ClientOptions().ReplayFrom(replay));
        var counter = new MessageCounter(messages, clock);
        using (client.Frames.Subscribe(
            frame =>
            {
                if (frame.Kind == FrameKind.Text)
                {
                    counter.Add(frame.Payload.Length);
                }
            },
            counter.Fail,
            counter.Complete))
        {
            replay.Run();
        }

        return Result(counter, messages);
    }

    /// <summary>What <see cref="Frames"/> must return: the payload bytes of the first notifications the recording received.</summary>
    public static long FramesChecksum(SessionRecording recording, int messages) =>
        recording.Events
            .Where(static e => e.Kind == RecordedEventKind.Received && e.Frame!.Kind == FrameKind.Text && !JsonRpcShape.TryReadReplyId(e.Frame.Payload.Span, out _, out _, out _))
            .Take(messages)
            .Sum(static e => (long)e.Frame!.Payload.Length);

    /// <summary><see cref="DeribitAdapter.Subscribe(string)"/> of the book channel, reading <c>data.change_id</c>.</summary>
    public static long Channel(SessionRecording recording, int messages, RoundClock clock) =>
        Adapter(recording, messages, clock, static (adapter, counter) => adapter.Subscribe(BookNotifications.Channel).Subscribe(
            message => counter.Add(message.Data.GetProperty("change_id").GetInt64()),
            counter.Fail,
            counter.Complete));

    /// <summary><see cref="DeribitAdapter.SubscribeBook(string, string)"/>, reading each update's change id.</summary>
    public static long Book(SessionRecording recording, int messages, RoundClock clock) =>
        Adapter(recording, messages, clock, TypedBook, onRxScheduler: false);

    /// <summary>
    /// <see cref="Book"/> with the replay's transport on Rx's stock <see cref="System.Reactive.Concurrency.HistoricalScheduler"/>
    /// instead of the replay's own clock (the same queue order, another queue): what the replay's scheduler saves.
    /// </summary>
    public static long BookOnRxScheduler(SessionRecording recording, int messages, RoundClock clock) =>
        Adapter(recording, messages, clock, TypedBook, onRxScheduler: true);

    private static IDisposable TypedBook(DeribitAdapter adapter, MessageCounter counter) =>
        adapter.SubscribeBook("BTC-PERPETUAL").Subscribe(
            message =>
            {
                if (message.Data.Kind != BookUpdateKind.Reset)
                {
                    counter.Add(message.Data.ChangeId);
                }
            },
            counter.Fail,
            counter.Complete);

    private static long Adapter(SessionRecording recording, int messages, RoundClock clock, Func<DeribitAdapter, MessageCounter, IDisposable> subscribe, bool onRxScheduler = false)
    {
        // The options the round was recorded with: the replay answers the requests that session made.
        var options = DeribitTypedBook.Options(new Uri("ws://127.0.0.1/"));
        Action run;
        if (onRxScheduler)
        {
            var scheduler = new System.Reactive.Concurrency.HistoricalScheduler(recording.Start);
            options.Scheduler = scheduler;
            options.Client = options.Client with { TransportFactory = new ReplayTransportFactory(recording, scheduler), Scheduler = scheduler };
            run = () => scheduler.AdvanceTo(recording.End);
        }
        else
        {
            run = options.ReplayFrom(recording).Run;
        }

        using var adapter = new DeribitAdapter(options);
        var counter = new MessageCounter(messages, clock);
        using (subscribe(adapter, counter))
        {
            run();
        }

        return Result(counter, messages);
    }

    private static long Result(MessageCounter counter, int messages) =>
        counter.Done.IsCompletedSuccessfully
            ? counter.Done.Result
            : throw new InvalidOperationException($"The replay did not deliver {messages} messages: {counter.Done.Exception?.InnerException?.Message ?? "it ended early"}.");
}
