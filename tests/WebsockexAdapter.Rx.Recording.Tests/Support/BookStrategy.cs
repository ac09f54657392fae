using System.Globalization;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using WebsockexAdapter.Rx.Deribit;

namespace WebsockexAdapter.Rx.Recording.Tests.Support;

/// <summary>The strategies the backtest tests run live and over replays: plain LINQ over the adapter's streams.</summary>
internal static class BookStrategy
{
    public const string Instrument = "BTC-PERPETUAL";

    /// <summary>One line per book update and ticker: the epoch, what kind of update, the top of the book, the last price.</summary>
    public static IObservable<string> TopOfBook(DeribitAdapter adapter) =>
        adapter.SubscribeBook(Instrument)
            .Scan((Book: new OrderBook(), Line: string.Empty), static (state, update) =>
            {
                state.Book.Apply(update.Data);
                var top = state.Book.IsReady ? state.Book.Top().ToString() : "not ready";
                return (state.Book, string.Create(CultureInfo.InvariantCulture, $"book e{update.Epoch} {update.Data.Kind} {update.Data.ChangeId} {top}"));
            })
            .Select(static state => state.Line)
            .Merge(adapter.SubscribeTicker(Instrument).Select(static t => string.Create(CultureInfo.InvariantCulture, $"ticker e{t.Epoch} {t.Data.LastPrice} {t.Data.MarkPrice}")));

    /// <summary>
    /// Time-based: the mid sampled every 250 ms, the number of book updates per second and the last price throttled
    /// by 300 ms, on <paramref name="scheduler"/>. It wants the channels <see cref="TopOfBook"/> wants: a replay
    /// answers the subscriptions the recorded session made.
    /// </summary>
    public static IObservable<string> Sampled(DeribitAdapter adapter, IScheduler scheduler)
    {
        var book = adapter.SubscribeBook(Instrument).Publish().RefCount();
        var mids = book
            .Scan(new OrderBook(), static (b, u) => b.Apply(u.Data))
            .Where(static b => b.IsReady)
            .Select(static b => b.Top().Mid)
            .Sample(TimeSpan.FromMilliseconds(250), scheduler)
            .Select(m => string.Create(CultureInfo.InvariantCulture, $"{scheduler.Now:HH:mm:ss.fffffff} mid {m}"));
        var rates = book
            .Buffer(TimeSpan.FromSeconds(1), scheduler)
            .Select(b => string.Create(CultureInfo.InvariantCulture, $"{scheduler.Now:HH:mm:ss.fffffff} {b.Count} updates/s"));
        var prices = adapter.SubscribeTicker(Instrument)
            .Throttle(TimeSpan.FromMilliseconds(300), scheduler)
            .Select(t => string.Create(CultureInfo.InvariantCulture, $"{scheduler.Now:HH:mm:ss.fffffff} last {t.Data.LastPrice}"));
        return mids.Merge(rates).Merge(prices);
    }
}
