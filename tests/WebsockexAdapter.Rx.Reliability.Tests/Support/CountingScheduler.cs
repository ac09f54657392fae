using System.Reactive.Concurrency;
using System.Reactive.Disposables;

namespace WebsockexAdapter.Rx.Reliability.Tests.Support;

/// <summary>
/// Wraps a scheduler and counts the work scheduled on it that has neither run nor been cancelled: a timer left behind
/// by a disposed client shows as <see cref="Pending"/> &gt; 0. Work scheduled from inside scheduled work is counted too.
/// </summary>
internal sealed class CountingScheduler(IScheduler inner) : IScheduler
{
    private int _pending;

    public int Pending => Volatile.Read(ref _pending);

    public DateTimeOffset Now => inner.Now;

    public IDisposable Schedule<TState>(TState state, Func<IScheduler, TState, IDisposable> action) =>
        Track(item => inner.Schedule((item, state, action), static (_, s) => s.item.Run(s.action, s.state)));

    public IDisposable Schedule<TState>(TState state, TimeSpan dueTime, Func<IScheduler, TState, IDisposable> action) =>
        Track(item => inner.Schedule((item, state, action), dueTime, static (_, s) => s.item.Run(s.action, s.state)));

    public IDisposable Schedule<TState>(TState state, DateTimeOffset dueTime, Func<IScheduler, TState, IDisposable> action) =>
        Track(item => inner.Schedule((item, state, action), dueTime, static (_, s) => s.item.Run(s.action, s.state)));

    private Item Track(Func<Item, IDisposable> schedule)
    {
        Interlocked.Increment(ref _pending);
        var item = new Item(this);
        item.Inner.Disposable = schedule(item);
        return item;
    }

    private sealed class Item(CountingScheduler owner) : IDisposable
    {
        private int _done;

        public SingleAssignmentDisposable Inner { get; } = new();

        public IDisposable Run<TState>(Func<IScheduler, TState, IDisposable> action, TState state)
        {
            Done();
            return action(owner, state);
        }

        public void Dispose()
        {
            Done();
            Inner.Dispose();
        }

        private void Done()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                Interlocked.Decrement(ref owner._pending);
            }
        }
    }
}
