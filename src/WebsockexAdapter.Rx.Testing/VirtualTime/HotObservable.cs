using System.Reactive;
using System.Reactive.Disposables;

namespace WebsockexAdapter.Rx.Testing;

/// <summary>Plays its messages at absolute virtual times to whoever is subscribed then.</summary>
internal sealed class HotObservable<T> : ITestableObservable<T>
{
    private readonly TestScheduler _scheduler;
    private readonly Recorded<Notification<T>>[] _messages;
    private readonly List<IObserver<T>> _observers = [];
    private readonly List<Subscription> _subscriptions = [];

    public HotObservable(TestScheduler scheduler, Recorded<Notification<T>>[] messages)
    {
        _scheduler = scheduler;
        _messages = messages;
        foreach (var message in messages)
        {
            var notification = message.Value;
            scheduler.ScheduleAbsolute(default(object), message.Time, (_, _) =>
            {
                foreach (var observer in _observers.ToArray())
                {
                    notification.Accept(observer);
                }

                return Disposable.Empty;
            });
        }
    }

    public IList<Subscription> Subscriptions => _subscriptions;

    public IList<Recorded<Notification<T>>> Messages => _messages;

    public IDisposable Subscribe(IObserver<T> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observers.Add(observer);
        _subscriptions.Add(new Subscription(_scheduler.Clock));
        var index = _subscriptions.Count - 1;
        return Disposable.Create(() =>
        {
            _observers.Remove(observer);
            _subscriptions[index] = new Subscription(_subscriptions[index].Subscribe, _scheduler.Clock);
        });
    }
}
