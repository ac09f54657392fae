using System.Reactive;
using System.Reactive.Disposables;

namespace WebsockexAdapter.Rx.Testing;

/// <summary>Plays its messages relative to each subscription's start, once per subscriber.</summary>
internal sealed class ColdObservable<T>(TestScheduler scheduler, Recorded<Notification<T>>[] messages) : ITestableObservable<T>
{
    private readonly List<Subscription> _subscriptions = [];

    public IList<Subscription> Subscriptions => _subscriptions;

    public IList<Recorded<Notification<T>>> Messages => messages;

    public IDisposable Subscribe(IObserver<T> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _subscriptions.Add(new Subscription(scheduler.Clock));
        var index = _subscriptions.Count - 1;
        var pending = new CompositeDisposable();
        foreach (var message in messages)
        {
            var notification = message.Value;
            pending.Add(scheduler.ScheduleRelative(default(object), message.Time, (_, _) =>
            {
                notification.Accept(observer);
                return Disposable.Empty;
            }));
        }

        return Disposable.Create(() =>
        {
            _subscriptions[index] = new Subscription(_subscriptions[index].Subscribe, scheduler.Clock);
            pending.Dispose();
        });
    }
}
