using System.Globalization;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using WebsockexAdapter.Rx.Deribit;

namespace WebsockexAdapter.Rx.Demo.Backtest;

/// <summary>
/// The strategy the backtest replays: plain LINQ over the adapter's streams, every timer on the given scheduler. Each
/// second of recorded time it reports the mid and spread, the last price and the trades; it marks every book reset.
/// It subscribes the channels the live demo did, in the same order, so the replay can answer each subscription.
/// </summary>
internal static class BacktestStrategy
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    public static IObservable<string> Run(DeribitAdapter adapter, IScheduler scheduler, string instrument, bool orders)
    {
        var start = scheduler.Now;
        string At() => string.Create(CultureInfo.InvariantCulture, $"+{(scheduler.Now - start).TotalSeconds,5:0.0}s");

        var book = adapter.SubscribeBook(instrument);
        var tops = book
            .Scan(new OrderBook(), static (b, update) => b.Apply(update.Data))
            .Where(static b => b.IsReady)
            .Select(static b => b.Top())
            .Sample(Second, scheduler)
            .Select(top => string.Create(CultureInfo.InvariantCulture, $"{At()} mid {top.Mid,10:0.00}  spread {top.Spread:0.00}"));
        var resets = book
            .Where(static u => u.Data.Kind == BookUpdateKind.Reset)
            .Select(u => $"{At()} epoch {u.Epoch}: book reset ({u.Data.ResetReason})");
        var prices = adapter.SubscribeTicker(instrument)
            .Sample(Second, scheduler)
            .Select(t => string.Create(CultureInfo.InvariantCulture, $"{At()} last {t.Data.LastPrice,10:0.00}  epoch {t.Epoch}"));
        var trades = adapter.SubscribeTrades(instrument)
            .Buffer(Second, scheduler)
            .Where(static b => b.Count > 0)
            .Select(b => $"{At()} {b.Sum(static m => m.Data.Count)} trades");
        var lines = tops.Merge(resets).Merge(prices).Merge(trades);

        // The live demo watched its orders: the replay subscribes the channel too, so the subscription it sends is the one recorded.
        return orders ? lines.Merge(adapter.SubscribeUserOrders(instrument).IgnoreElements().Select(static _ => string.Empty)) : lines;
    }
}
