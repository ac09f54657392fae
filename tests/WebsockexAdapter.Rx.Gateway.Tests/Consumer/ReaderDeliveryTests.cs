using WebsockexAdapter.Rx.Gateway.Tests.Support;

namespace WebsockexAdapter.Rx.Gateway.Tests.Consumer;

public sealed class ReaderDeliveryTests
{
    [Fact]
    public void NewStream_DeliversOffTheReader_UntilFastInARowDeliveriesWithinTheBudget()
    {
        var clock = new SteppedClock();
        var delivery = new ReaderDelivery(clock);

        for (var i = 0; i < ReaderDelivery.FastInARow; i++)
        {
            Assert.False(delivery.OnReader);
            Deliver(delivery, clock, ReaderDelivery.Budget);
        }

        Assert.True(delivery.OnReader);
    }

    [Fact]
    public void OneDeliveryOverTheBudget_SendsTheStreamOffTheReader_UntilItHasBeenFastThatManyTimesAgain()
    {
        var clock = new SteppedClock();
        var delivery = Trusted(clock);

        Deliver(delivery, clock, ReaderDelivery.Budget + TimeSpan.FromTicks(1));
        Assert.False(delivery.OnReader);
        for (var i = 0; i < ReaderDelivery.FastInARow - 1; i++)
        {
            Deliver(delivery, clock, TimeSpan.FromMicroseconds(5));
        }

        Assert.False(delivery.OnReader);
        Deliver(delivery, clock, TimeSpan.FromMicroseconds(5));
        Assert.True(delivery.OnReader);
    }

    [Fact]
    public void SlowObserver_NeverReachesTheReader()
    {
        var clock = new SteppedClock();
        var delivery = new ReaderDelivery(clock);

        for (var i = 0; i < 10 * ReaderDelivery.FastInARow; i++)
        {
            // Fast most of the time, but slow more often than once in FastInARow deliveries.
            Deliver(delivery, clock, i % (ReaderDelivery.FastInARow / 2) == 0 ? TimeSpan.FromMilliseconds(50) : TimeSpan.FromMicroseconds(5));
            Assert.False(delivery.OnReader);
        }
    }

    private static ReaderDelivery Trusted(SteppedClock clock)
    {
        var delivery = new ReaderDelivery(clock);
        for (var i = 0; i < ReaderDelivery.FastInARow; i++)
        {
            Deliver(delivery, clock, TimeSpan.FromMicroseconds(5));
        }

        Assert.True(delivery.OnReader);
        return delivery;
    }

    private static void Deliver(ReaderDelivery delivery, SteppedClock clock, TimeSpan taking)
    {
        var started = delivery.Start();
        clock.Advance(taking);
        delivery.Finished(started);
    }
}
