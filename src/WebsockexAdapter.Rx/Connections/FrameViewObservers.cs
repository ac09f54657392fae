using System.Reactive.Disposables;

namespace WebsockexAdapter.Rx;

/// <summary>
/// A connection's <see cref="IFrameViewObserver"/>s: what a <c>Subject</c> is to <see cref="IConnection.Frames"/>. Only
/// the receive loop calls <see cref="OnNext"/> and <see cref="End"/>; subscribing and disposing may happen on any
/// thread, so the observers are an array replaced whole under a lock and read without one. An observer that comes after
/// the end gets the end at once. Observers are called outside the lock.
/// </summary>
internal sealed class FrameViewObservers
{
    private readonly object _gate = new();
    private IFrameViewObserver[] _observers = [];
    private bool _ended;
    private Exception? _error;

    public IDisposable Subscribe(IFrameViewObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (_gate)
        {
            if (!_ended)
            {
                _observers = [.. _observers, observer];
                return Disposable.Create((Observers: this, Observer: observer), static s => s.Observers.Remove(s.Observer));
            }
        }

        EndOne(observer, _error);
        return Disposable.Empty;
    }

    public void OnNext(in ReceivedMessage message)
    {
        foreach (var observer in Volatile.Read(ref _observers))
        {
            observer.OnNext(message.View);
        }
    }

    /// <summary>Ends every observer: with <paramref name="error"/>, or completed when it is <see langword="null"/>.</summary>
    public void End(Exception? error)
    {
        IFrameViewObserver[] observers;
        lock (_gate)
        {
            _ended = true;
            _error = error;
            observers = _observers;
            _observers = [];
        }

        foreach (var observer in observers)
        {
            EndOne(observer, error);
        }
    }

    private static void EndOne(IFrameViewObserver observer, Exception? error)
    {
        if (error is null)
        {
            observer.OnCompleted();
        }
        else
        {
            observer.OnError(error);
        }
    }

    private void Remove(IFrameViewObserver observer)
    {
        lock (_gate)
        {
            var index = Array.IndexOf(_observers, observer);
            if (index >= 0)
            {
                _observers = [.. _observers[..index], .. _observers[(index + 1)..]];
            }
        }
    }
}
