using WebsockexAdapter.Rx.Simulator.Connections;
using WebsockexAdapter.Rx.Simulator.Protocol;
using WebsockexAdapter.Rx.Simulator.Subscriptions;

namespace WebsockexAdapter.Rx.Simulator.MarketData;

/// <summary>
/// One market-data subscription's stream: a notification every interval, or, in blast mode, as fast as the
/// connection's outbox drains. Blast mode sends a pre-serialized ring where the channel allows it.
/// </summary>
internal static class ChannelPublisher
{
    private const int BlastRingSize = 1024;
    private static readonly TimeSpan AggregatedInterval = TimeSpan.FromMilliseconds(100);

    public static async Task RunAsync(SimConnection connection, SimulatorState state, ChannelName channel, CancellationToken token)
    {
        try
        {
            var feed = Create(channel, state);
            if (state.Options.Blast)
            {
                await BlastAsync(connection, state, feed, token).ConfigureAwait(false);
                return;
            }

            var interval = Interval(channel, state.Options);
            while (true)
            {
                await connection.Outbox.EnqueueNotificationAsync(feed.Next(Microseconds.NowMs(state.Clock)), token).ConfigureAwait(false);
                await Task.Delay(interval, state.Clock, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Unsubscribed, or the connection ended.
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // A generator bug ends this stream only; the connection and the server carry on.
            Log.StreamFailed(state.Logger, connection.Id, channel.Name, error);
        }
    }

    private static async Task BlastAsync(SimConnection connection, SimulatorState state, IChannelFeed feed, CancellationToken token)
    {
        var outbox = connection.Outbox;
        if (!feed.IsRepeatable)
        {
            while (true)
            {
                await outbox.EnqueueNotificationAsync(feed.Next(Microseconds.NowMs(state.Clock)), token).ConfigureAwait(false);
            }
        }

        var now = Microseconds.NowMs(state.Clock);
        var ring = new byte[BlastRingSize][];
        for (var i = 0; i < ring.Length; i++)
        {
            ring[i] = feed.Next(now);
        }

        for (var i = 0; ; i = (i + 1) % ring.Length)
        {
            await outbox.EnqueueNotificationAsync(ring[i], token).ConfigureAwait(false);
        }
    }

    private static TimeSpan Interval(ChannelName channel, SimulatorOptions options) =>
        options.ChannelIntervals.TryGetValue(channel.Name, out var own) ? own
        : options.NotificationInterval ?? (channel.Interval == "raw" ? options.RawInterval : AggregatedInterval);

    private static IChannelFeed Create(ChannelName channel, SimulatorState state)
    {
        var spec = InstrumentSpec.For(channel.Instrument);
        var seed = StableSeed.For(state.Options.Seed, channel.Name);
        return channel.Kind switch
        {
            ChannelKind.Book => new BookFeed(channel.Name, spec, seed, state.Faults.TakeBookGap),
            ChannelKind.GroupedBook => new GroupedBookFeed(channel.Name, spec, seed, channel.Depth),
            ChannelKind.Ticker => new TickerFeed(channel.Name, spec, seed),
            // One trade per notification in blast mode keeps messages near 250 bytes, the size benchmarks assume.
            ChannelKind.Trades => new TradesFeed(channel.Name, spec, seed, state.Options.Blast ? 1 : 2),
            _ => throw new ArgumentOutOfRangeException(nameof(channel), channel.Kind, "not a market-data channel"),
        };
    }
}
