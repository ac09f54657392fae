using System.Reactive;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;

namespace WebsockexAdapter.Rx.Testing;

/// <summary>
/// A virtual-time scheduler whose clock is in <see cref="TimeSpan"/> ticks, with the API of Microsoft.Reactive.Testing's
/// <c>TestScheduler</c> (that package is only served for Rx 3 here). Time moves only when the test moves it, so a test
/// can prove "retried at 1 s, 2 s, 4 s" in microseconds.
/// </summary>
public sealed class TestScheduler : VirtualTimeScheduler<long, long>
{
    /// <summary>
    /// Schedules at an absolute virtual time. As in Microsoft.Reactive.Testing, work due now or in the past runs one
    /// tick from now, so a test sees it as a distinct step. The work runs with no synchronization context, so that the
    /// <c>await</c> continuations it triggers run inline and the test stays deterministic.
    /// </summary>
    /// <typeparam name="TState">The state's type.</typeparam>
    /// <param name="state">Passed to the action.</param>
    /// <param name="dueTime">The virtual time, in ticks.</param>
    /// <param name="action">The work.</param>
    public override IDisposable ScheduleAbsolute<TState>(TState state, long dueTime, Func<IScheduler, TState, IDisposable> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (dueTime <= Clock)
        {
            dueTime = Clock + 1;
        }

        return base.ScheduleAbsolute(
            (state, action),
            dueTime,
            static (scheduler, work) => WithoutSynchronizationContext.Run((scheduler, work), static w => w.work.action(w.scheduler, w.work.state)));
    }

    /// <summary>Creates the observable at <paramref name="created"/>, subscribes at <paramref name="subscribed"/>,
    /// disposes at <paramref name="disposed"/>, runs the clock until nothing is left, and returns what was seen.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="create">Builds the observable under test.</param>
    /// <param name="created">When to call <paramref name="create"/>.</param>
    /// <param name="subscribed">When to subscribe.</param>
    /// <param name="disposed">When to dispose the subscription.</param>
    public ITestableObserver<T> Start<T>(Func<IObservable<T>> create, long created, long subscribed, long disposed)
    {
        ArgumentNullException.ThrowIfNull(create);
        var source = default(IObservable<T>);
        var subscription = default(IDisposable);
        var observer = CreateObserver<T>();
        ScheduleAbsolute(default(object), created, (_, _) =>
        {
            source = create();
            return Disposable.Empty;
        });
        ScheduleAbsolute(default(object), subscribed, (_, _) =>
        {
            subscription = source!.Subscribe(observer);
            return Disposable.Empty;
        });
        ScheduleAbsolute(default(object), disposed, (_, _) =>
        {
            subscription!.Dispose();
            return Disposable.Empty;
        });
        Start();
        return observer;
    }

    /// <summary><see cref="Start{T}(Func{IObservable{T}}, long, long, long)"/> with the default creation and subscription times.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="create">Builds the observable under test.</param>
    /// <param name="disposed">When to dispose the subscription.</param>
    public ITestableObserver<T> Start<T>(Func<IObservable<T>> create, long disposed) =>
        Start(create, ReactiveTest.Created, ReactiveTest.Subscribed, disposed);

    /// <summary><see cref="Start{T}(Func{IObservable{T}}, long, long, long)"/> with the default times (100, 200, 1000).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="create">Builds the observable under test.</param>
    public ITestableObserver<T> Start<T>(Func<IObservable<T>> create) =>
        Start(create, ReactiveTest.Created, ReactiveTest.Subscribed, ReactiveTest.Disposed);

    /// <summary>An observable that plays <paramref name="messages"/> at those absolute times, whoever is subscribed.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="messages">The messages and their virtual times.</param>
    public ITestableObservable<T> CreateHotObservable<T>(params Recorded<Notification<T>>[] messages) =>
        new HotObservable<T>(this, messages);

    /// <summary>An observable that plays <paramref name="messages"/> relative to each subscription.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="messages">The messages and their times after subscription.</param>
    public ITestableObservable<T> CreateColdObservable<T>(params Recorded<Notification<T>>[] messages) =>
        new ColdObservable<T>(this, messages);

    /// <summary>An observer that records what it sees with this scheduler's clock.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    public ITestableObserver<T> CreateObserver<T>() => new MockObserver<T>(this);

    /// <inheritdoc />
    protected override long Add(long absolute, long relative) => absolute + relative;

    /// <inheritdoc />
    protected override DateTimeOffset ToDateTimeOffset(long absolute) => new(absolute, TimeSpan.Zero);

    /// <inheritdoc />
    protected override long ToRelative(TimeSpan timeSpan) => timeSpan.Ticks;
}
