using System.Collections.Concurrent;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using WebsockexAdapter.Rx.Reliability.Tests.Support;

namespace WebsockexAdapter.Rx.Reliability.Tests.Disposal;

/// <summary>
/// The async bodies of a connection attempt and a Deribit session end after their subscriber may have left; what they
/// throw then must not become an unobserved task exception (the chaos soak found exactly that).
/// </summary>
public sealed class ObservableAsyncTest
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ABodyThatFailsAfterItsSubscriberLeft_RaisesNoUnobservedTaskException()
    {
        var marker = $"failed-after-dispose-{Guid.NewGuid()}";
        var unobserved = await UnobservedExceptions.DuringAsync(() => FailAfterDisposeAsync(marker));

        Assert.DoesNotContain(unobserved, e => e.Contains(marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABodyThatFails_DeliversOneErrorAndNoCompletion()
    {
        var events = new ConcurrentQueue<string>();
        var ended = new TaskCompletionSource();
        using var subscription = ObservableAsync.Create<int>(async (observer, _) =>
        {
            observer.OnNext(1);
            await Task.Yield();
            throw new InvalidOperationException("boom");
        }).Subscribe(
            n => events.Enqueue($"next {n}"),
            e =>
            {
                events.Enqueue($"error {e.Message}");
                ended.TrySetResult();
            },
            () => events.Enqueue("completed"));

        await ended.Task.WaitAsync(Timeout);

        Assert.Equal(["next 1", "error boom"], events);
    }

    [Fact]
    public async Task ABodyThatReturns_Completes()
    {
        var values = await ObservableAsync.Create<int>(async (observer, _) =>
        {
            await Task.Yield();
            observer.OnNext(7);
        }).ToList().FirstAsync().ToTask().WaitAsync(Timeout);

        Assert.Equal([7], values);
    }

    // Kept out of the test method so nothing on its stack roots the body's task when the collector runs.
    private static async Task FailAfterDisposeAsync(string marker)
    {
        var entered = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var finished = new TaskCompletionSource();
        var subscription = ObservableAsync.Create<int>(async (_, _) =>
        {
            try
            {
                entered.TrySetResult();
                await release.Task.ConfigureAwait(false);
                throw new InvalidOperationException(marker);
            }
            finally
            {
                finished.TrySetResult();
            }
        }).Subscribe(_ => { }, _ => { });

        await entered.Task.WaitAsync(Timeout);
        subscription.Dispose();
        release.TrySetResult();
        await finished.Task.WaitAsync(Timeout);
    }
}
