using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;

namespace WebsockexAdapter.Rx.Recording.Tests.Replay;

/// <summary>The replay's clock keeps <see cref="HistoricalScheduler"/>'s order and cancellation with its own queue.</summary>
public sealed class ReplaySchedulerTest
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Items_RunByDueTime_ThenInTheOrderScheduled_WithTheClockAtEachDueTime()
    {
        var scheduler = new ReplayScheduler(Start);
        var ran = new List<string>();
        void At(int seconds, string name) => scheduler.Schedule(Start.AddSeconds(seconds), () => ran.Add($"{name}@{(scheduler.Now - Start).TotalSeconds}"));

        At(3, "c");
        At(1, "a1");
        At(2, "b");
        At(1, "a2");
        At(3, "d");
        scheduler.AdvanceTo(Start.AddSeconds(10));

        Assert.Equal(["a1@1", "a2@1", "b@2", "c@3", "d@3"], ran);
        Assert.Equal(Start.AddSeconds(10), scheduler.Now);
    }

    [Fact]
    public void Cancelled_ItemsNeverRun_EvenWhenCancelledAfterTheLoopLookedAtThem()
    {
        var scheduler = new ReplayScheduler(Start);
        var ran = new List<string>();
        var late = scheduler.Schedule(Start.AddSeconds(5), () => ran.Add("late"));
        scheduler.AdvanceTo(Start.AddSeconds(1));
        late.Dispose();
        scheduler.Schedule(Start.AddSeconds(2), () => ran.Add("other"));

        scheduler.AdvanceTo(Start.AddSeconds(10));

        Assert.Equal(["other"], ran);
    }

    [Fact]
    public void AnEarlierItem_ScheduledWhileALaterOneWasNext_RunsFirst_AndTheClockNeverMovesBack()
    {
        var scheduler = new ReplayScheduler(Start);
        var ran = new List<string>();
        scheduler.Schedule(Start.AddSeconds(5), () => ran.Add($"five@{(scheduler.Now - Start).TotalSeconds}"));
        scheduler.Schedule(Start.AddSeconds(1), () =>
        {
            ran.Add("one");
            scheduler.Schedule(Start.AddSeconds(3), () => ran.Add($"three@{(scheduler.Now - Start).TotalSeconds}"));
            scheduler.Schedule(Start, () => ran.Add($"past@{(scheduler.Now - Start).TotalSeconds}"));
        });

        scheduler.AdvanceTo(Start.AddSeconds(2));
        Assert.Equal(["one", "past@1"], ran);
        scheduler.AdvanceTo(Start.AddSeconds(10));

        Assert.Equal(["one", "past@1", "three@3", "five@5"], ran);
    }

    [Fact]
    public void TimeBasedOperators_SeeTheVirtualClock()
    {
        var scheduler = new ReplayScheduler(Start);
        var ticks = new List<long>();
        using var subscription = Observable.Interval(TimeSpan.FromSeconds(1), scheduler).Take(3).Subscribe(ticks.Add);

        scheduler.AdvanceTo(Start.AddSeconds(2.5));
        Assert.Equal([0L, 1L], ticks);
        scheduler.AdvanceTo(Start.AddSeconds(10));

        Assert.Equal([0L, 1L, 2L], ticks);
    }

    [Fact]
    public void DisposingAnItemThatRan_DisposesWhatItsActionReturned()
    {
        var scheduler = new ReplayScheduler(Start);
        var disposed = false;
        var item = scheduler.Schedule(0, Start.AddSeconds(1), (_, _) => Disposable.Create(() => disposed = true));
        scheduler.AdvanceTo(Start.AddSeconds(2));
        Assert.False(disposed);

        item.Dispose();

        Assert.True(disposed);
    }
}
