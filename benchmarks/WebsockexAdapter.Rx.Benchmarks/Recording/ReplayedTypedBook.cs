using WebsockexAdapter.Rx.Benchmarks.EndToEnd;
using WebsockexAdapter.Rx.Deribit;
using WebsockexAdapter.Rx.Recording;

namespace WebsockexAdapter.Rx.Benchmarks.Recording;

/// <summary>
/// The replay row: the typed book of a <see cref="DeribitAdapter"/> built with <c>options.ReplayFrom(recording)</c>,
/// the recording being one recorded round of the same blast, played as fast as possible. Loading the file is not timed;
/// the clock runs from the first update to the last, as for the live rows.
/// </summary>
internal static class ReplayedTypedBook
{
    public const string Name = "DeribitAdapter.SubscribeBook (typed), replayed";

    public static long Run(SessionRecording recording, int messages, RoundClock clock)
    {
        var options = new DeribitOptions { Url = new Uri("ws://127.0.0.1/") };
        var replay = options.ReplayFrom(recording);
        using var adapter = new DeribitAdapter(options);
        var counter = new MessageCounter(messages, clock);
        using (adapter.SubscribeBook("BTC-PERPETUAL").Subscribe(
            message =>
            {
                if (message.Data.Kind != BookUpdateKind.Reset)
                {
                    counter.Add(message.Data.ChangeId);
                }
            },
            counter.Fail,
            counter.Complete))
        {
            replay.Run();
        }

        return counter.Done.IsCompletedSuccessfully
            ? counter.Done.Result
            : throw new InvalidOperationException($"The replay did not deliver {messages} updates: {counter.Done.Exception?.InnerException?.Message ?? "it ended early"}.");
    }
}
