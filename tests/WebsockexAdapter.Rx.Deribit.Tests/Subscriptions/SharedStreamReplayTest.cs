using System.Reactive.Subjects;
using Microsoft.Extensions.Logging.Abstractions;

namespace WebsockexAdapter.Rx.Deribit.Tests.Subscriptions;

/// <summary>
/// A shared stream that replays its latest message (the shared order book's) to a subscriber that joins while it runs:
/// the subscriber is added and handed that message under the lock the source sends under, so it sees every message from
/// the latest one on, once each and in order, whatever the source is doing at that moment.
/// </summary>
public sealed class SharedStreamReplayTest
{
    private static ChannelMessage<int> Message(int value) => new("book.X.100ms", value, 1, "c1", DateTimeOffset.UnixEpoch);

    [Fact]
    public void ALateSubscriber_GetsTheLatestMessageAtOnce_AndAFirstOneGetsNothingOld()
    {
        var gate = new Lock();
        var source = new Subject<ChannelMessage<int>>();
        var stream = new SharedStream<int>(source, NullLogger.Instance, gate, replayLatest: true);
        var first = new List<int>();
        var late = new List<int>();
        using var firstSubscription = stream.Subscribe(m => first.Add(m.Data));
        lock (gate)
        {
            source.OnNext(Message(1));
            source.OnNext(Message(2));
        }

        using (stream.Subscribe(m => late.Add(m.Data)))
        {
            lock (gate)
            {
                source.OnNext(Message(3));
            }
        }

        Assert.Equal([1, 2, 3], first);
        Assert.Equal([2, 3], late);
    }

    [Fact]
    public void AfterEveryoneLeft_ANewSubscriber_IsNotHandedTheEndedUpstreamsLatest()
    {
        var gate = new Lock();
        var source = new Subject<ChannelMessage<int>>();
        var stream = new SharedStream<int>(source, NullLogger.Instance, gate, replayLatest: true);
        using (stream.Subscribe(_ => { }))
        {
            lock (gate)
            {
                source.OnNext(Message(1));
            }
        }

        var next = new List<int>();
        using (stream.Subscribe(m => next.Add(m.Data)))
        {
            Assert.Empty(next);
        }
    }

    [Fact]
    public async Task SubscribersJoiningWhileTheSourceSends_EachGetEveryMessageFromTheLatestOn_OnceAndInOrder()
    {
        const int Joins = 2_000;
        var gate = new Lock();
        var source = new Subject<ChannelMessage<int>>();
        var stream = new SharedStream<int>(source, NullLogger.Instance, gate, replayLatest: true);
        using var keepsItRunning = stream.Subscribe(_ => { });
        var sent = 0;
        var joined = false;
        // Sends until every join is done (bounded: a join that never returns fails the wait below, not the producer).
        var producer = Task.Run(() =>
        {
            for (var i = 1; !Volatile.Read(ref joined) && i < 50_000_000; i++)
            {
                lock (gate)
                {
                    source.OnNext(Message(i));
                    sent = i;
                }
            }
        });

        // Each list is written by whoever holds the gate (the producer's fan-out, or the join's replay). At most 50 stay
        // subscribed to the end; the older ones leave as new ones come, which must not cost them order either.
        var joiners = new List<(int SentBefore, List<int> Seen, IDisposable Subscription)>();
        while (!producer.IsCompleted && joiners.Count < Joins)
        {
            int sentBefore;
            lock (gate)
            {
                sentBefore = sent;
            }

            var seen = new List<int>();
            joiners.Add((sentBefore, seen, stream.Subscribe(m => seen.Add(m.Data))));
            if (joiners.Count > 50)
            {
                joiners[^51].Subscription.Dispose();
            }
        }

        Volatile.Write(ref joined, true);
        await producer.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(Joins, joiners.Count);
        for (var j = 0; j < joiners.Count; j++)
        {
            var (sentBefore, seen, subscription) = joiners[j];
            subscription.Dispose();
            Assert.True(sentBefore == 0 || seen.Count > 0, "a subscriber that joined a running stream was not handed its latest message");
            if (seen.Count == 0)
            {
                continue;
            }

            Assert.True(seen[0] >= sentBefore, $"joined after {sentBefore}, first handed {seen[0]}");
            for (var k = 1; k < seen.Count; k++)
            {
                Assert.True(seen[k] == seen[k - 1] + 1, $"joined after {sentBefore}: {seen[k - 1]} then {seen[k]}");
            }

            if (j >= joiners.Count - 50)
            {
                Assert.Equal(sent, seen[^1]);
            }
        }
    }
}
