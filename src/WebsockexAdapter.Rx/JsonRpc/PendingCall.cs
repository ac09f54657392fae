using System.Text.Json;

namespace WebsockexAdapter.Rx.JsonRpc;

/// <summary>
/// One call waiting for its reply. Whatever ends it first (the reply, the timeout, the caller's cancellation, the
/// connection's end) wins; the rest find it already finished.
/// </summary>
internal sealed class PendingCall(long id, string method)
{
    // Continuations run inline, on the thread that delivers the reply: on virtual time that keeps tests deterministic,
    // and a restore's next step goes out without a thread hop.
    private readonly TaskCompletionSource<JsonElement> _reply = new();
    private IDisposable? _timer;
    private CancellationTokenRegistration _cancellation;

    public long Id { get; } = id;

    public string Method { get; } = method;

    public Task<JsonElement> Reply => _reply.Task;

    public void Watch(IDisposable timer, CancellationTokenRegistration cancellation)
    {
        _timer = timer;
        _cancellation = cancellation;
        if (_reply.Task.IsCompleted)
        {
            Release();
        }
    }

    public void Succeed(JsonElement result)
    {
        if (_reply.TrySetResult(result))
        {
            Release();
        }
    }

    public void Fail(Exception error)
    {
        if (_reply.TrySetException(error))
        {
            Release();
        }
    }

    public void Cancel(CancellationToken token)
    {
        if (_reply.TrySetCanceled(token))
        {
            Release();
        }
    }

    /// <summary>
    /// The request never left, and its caller gets the send's error instead of <see cref="Reply"/>: end the reply
    /// quietly (a cancelled task raises no unobserved exception), and observe a failure already recorded.
    /// </summary>
    public void Abandon()
    {
        if (_reply.TrySetCanceled())
        {
            Release();
        }
        else
        {
            _ = _reply.Task.Exception;
        }
    }

    private void Release()
    {
        Interlocked.Exchange(ref _timer, null)?.Dispose();
        _cancellation.Dispose();
    }
}
