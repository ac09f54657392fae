using System.Reactive.Disposables;
using System.Reactive.Subjects;

namespace WebsockexAdapter.Rx;

/// <summary>
/// Shares one subscription to a source among all observers: the first observer connects, the last one to leave
/// disconnects. Unlike <c>Publish().RefCount()</c>, a source that has terminated is started afresh by the next
/// observer, so a client that faulted can be subscribed to again. With <paramref name="replayLatest"/>, an observer
/// that joins late first gets the latest element of the running source (the connection already open, say), outside the
/// lock that counts observers, so an observer that blocks on it holds up no other observer's arrival or departure. A new
/// connection to the source never overlaps the teardown of the one before: an observer that arrives while the last
/// generation is still being disconnected is connected by that disconnect once it has finished, so the old source's
/// last words (its <c>Finally</c>, its final state) always come before the new source's first.
/// This is how a facade (a client, an adapter) hands out one pipeline to many subscribers.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
/// <param name="source">The pipeline to share; subscribed to once per generation (from first observer to last, or to its end).</param>
/// <param name="replayLatest">Whether a late observer first gets the latest element of the running generation.</param>
public sealed class SharedObservable<T>(IObservable<T> source, bool replayLatest = false) : IObservable<T>, IDisposable
{
    private readonly object _gate = new();
    private Generation? _current;
    private Generation? _waiting;
    private int _disconnecting;
    private bool _disposed;

    /// <summary>Joins the running generation, or starts a new one; after <see cref="Dispose"/> the observer completes at once.</summary>
    /// <param name="observer">The observer.</param>
    /// <returns>Leaves; the last observer to leave unsubscribes from the source.</returns>
    public IDisposable Subscribe(IObserver<T> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        Generation generation;
        IDisposable? inner = null;
        bool connect;
        lock (_gate)
        {
            if (_disposed)
            {
                observer.OnCompleted();
                return Disposable.Empty;
            }

            generation = _current ??= new Generation(replayLatest ? new ReplaySubject<T>(1) : new Subject<T>());

            // A plain subject only adds the observer, so it joins under the lock and misses nothing of a generation
            // that another thread connects next. A replaying subject hands the observer its latest element during the
            // subscribe: that is user code, which never runs under this lock, so it joins below.
            if (!replayLatest)
            {
                inner = generation.Subject.Subscribe(observer);
            }

            generation.Observers++;
            connect = !generation.Connected;
            generation.Connected = true;
            if (connect && _disconnecting > 0)
            {
                _waiting = generation;
                connect = false;
            }
        }

        inner ??= generation.Subject.Subscribe(observer);
        if (connect)
        {
            Connect(generation);
        }

        return Disposable.Create(() => Leave(generation, inner));
    }

    /// <summary>Disconnects from the source and completes every observer; later observers complete at once.</summary>
    public void Dispose()
    {
        Generation? generation;
        lock (_gate)
        {
            _disposed = true;
            generation = _current;
            _current = null;
        }

        if (generation is not null)
        {
            lock (_gate)
            {
                _disconnecting++;
            }

            Disconnect(generation);
            generation.Subject.OnCompleted();
        }
    }

    private void Leave(Generation generation, IDisposable inner)
    {
        inner.Dispose();
        bool last;
        lock (_gate)
        {
            last = --generation.Observers == 0;
            if (last && _current == generation)
            {
                _current = null;
            }

            if (last)
            {
                _disconnecting++;
            }
        }

        if (last)
        {
            Disconnect(generation);
        }
    }

    private void Connect(Generation generation) =>
        generation.Connection.Disposable = source.Subscribe(new GenerationObserver(this, generation));

    /// <summary>Tears a generation down outside the lock, then connects the generation that arrived meanwhile, if any.</summary>
    private void Disconnect(Generation generation)
    {
        try
        {
            generation.Connection.Dispose();
        }
        finally
        {
            Generation? waiting = null;
            lock (_gate)
            {
                // Its observers may all have left while it waited; then it is never connected.
                if (--_disconnecting == 0 && _waiting is { Observers: > 0 } && !_disposed)
                {
                    waiting = _waiting;
                }

                if (_disconnecting == 0)
                {
                    _waiting = null;
                }
            }

            if (waiting is not null)
            {
                Connect(waiting);
            }
        }
    }

    private void Terminate(Generation generation, Action<ISubject<T>> signal)
    {
        lock (_gate)
        {
            if (_current == generation)
            {
                _current = null;
            }
        }

        signal(generation.Subject);
        generation.Connection.Dispose();
    }

    /// <summary>Passes the source on to one generation's observers; an observer class rather than lambdas, as it is on every element's path.</summary>
    private sealed class GenerationObserver(SharedObservable<T> parent, Generation generation) : IObserver<T>
    {
        public void OnNext(T value) => generation.Subject.OnNext(value);

        public void OnError(Exception error) => parent.Terminate(generation, subject => subject.OnError(error));

        public void OnCompleted() => parent.Terminate(generation, static subject => subject.OnCompleted());
    }

    /// <summary>One connection to the source and the observers sharing it.</summary>
    private sealed class Generation(ISubject<T> subject)
    {
        public ISubject<T> Subject { get; } = subject;

        public SingleAssignmentDisposable Connection { get; } = new();

        public int Observers { get; set; }

        public bool Connected { get; set; }
    }
}
