namespace WebsockexAdapter.Rx.Reliability.Tests.Support;

/// <summary>
/// Keeps a client's pipeline subscribed (the last subscriber leaving closes the socket) and hands out its first
/// connection.
/// </summary>
internal sealed class Connected : IDisposable
{
    private readonly TaskCompletionSource<IConnection> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IDisposable _subscription;

    public Connected(WebSocketClient client) =>
        _subscription = client.Connections.Subscribe(c => _first.TrySetResult(c), e => _first.TrySetException(e));

    public Task<IConnection> First(TimeSpan timeout) => _first.Task.WaitAsync(timeout);

    public void Dispose() => _subscription.Dispose();
}
