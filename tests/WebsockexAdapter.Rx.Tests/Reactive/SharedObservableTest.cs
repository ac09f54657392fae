using System.Reactive.Disposables;
using System.Reactive.Linq;

namespace WebsockexAdapter.Rx.Tests.Reactive;

public sealed class SharedObservableTest
{
    [Fact]
    public void Subscribe_TheFirstObserverConnects_TheLastOneToLeaveDisconnects()
    {
        var log = new List<string>();
        using var shared = new SharedObservable<int>(Observable.Create<int>(_ =>
        {
            log.Add("connect");
            return Disposable.Create(() => log.Add("disconnect"));
        }));

        var one = shared.Subscribe(_ => { });
        var two = shared.Subscribe(_ => { });
        one.Dispose();
        Assert.Equal(["connect"], log);
        two.Dispose();

        Assert.Equal(["connect", "disconnect"], log);
    }

    [Fact]
    public void Subscribe_DuringTheLastTeardown_ConnectsOnlyAfterTheTeardownHasFinished()
    {
        var log = new List<string>();
        SharedObservable<int>? shared = null;
        IDisposable? newcomer = null;
        var connections = 0;
        shared = new SharedObservable<int>(Observable.Create<int>(_ =>
        {
            var n = ++connections;
            log.Add($"connect {n}");
            return Disposable.Create(() =>
            {
                log.Add($"teardown {n} begins");

                // A new subscriber arrives while the old pipeline is still being torn down (its Finally, say).
                newcomer ??= shared!.Subscribe(_ => { });
                log.Add($"teardown {n} ends");
            });
        }));

        shared.Subscribe(_ => { }).Dispose();

        Assert.Equal(["connect 1", "teardown 1 begins", "teardown 1 ends", "connect 2"], log);
        newcomer!.Dispose();
        shared.Dispose();
    }

    [Fact]
    public void Subscribe_AfterTheSourceEnded_StartsItAfresh()
    {
        var connections = 0;
        using var shared = new SharedObservable<int>(Observable.Defer(() => Observable.Return(++connections)));
        var seen = new List<int>();

        shared.Subscribe(seen.Add).Dispose();
        shared.Subscribe(seen.Add).Dispose();

        Assert.Equal([1, 2], seen);
    }

    [Fact]
    public async Task Subscribe_WithReplay_HandsTheLatestElementOverOutsideTheLock_SoAnObserverThatWaitsOnAnotherBlocksNoOne()
    {
        using var shared = new SharedObservable<int>(Observable.Never<int>().StartWith(7), replayLatest: true);
        using var first = shared.Subscribe(_ => { });
        var otherJoined = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var waited = false;

        // The late observer's replay waits for another observer to arrive on another thread: with the replay under the
        // lock that counts observers, that arrival would wait for the replay, and the wait would time out.
        using var late = shared.Subscribe(_ =>
        {
            var other = Task.Run(() => shared.Subscribe(otherJoined.SetResult));
            waited = other.Wait(TimeSpan.FromSeconds(5));
            if (waited)
            {
                other.Result.Dispose();
            }
        });

        Assert.True(waited);
        Assert.Equal(7, await otherJoined.Task.WaitAsync(TimeSpan.FromSeconds(5)));
    }
}
