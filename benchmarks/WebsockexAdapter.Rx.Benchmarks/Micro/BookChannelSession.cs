using System.Reactive.Concurrency;
using System.Reactive.Subjects;
using Microsoft.Extensions.Logging.Abstractions;
using WebsockexAdapter.Rx.Benchmarks.Loopback;
using WebsockexAdapter.Rx.Deribit;
using WebsockexAdapter.Rx.JsonRpc;

namespace WebsockexAdapter.Rx.Benchmarks.Micro;

/// <summary>
/// The adapter's session over a connection a benchmark pushes frames into (<see cref="Frames"/>), with one subscriber
/// on the book channel, on the default scheduler: what the micro rows that follow a frame into the adapter share.
/// </summary>
internal sealed class BookChannelSession : IDisposable
{
    private readonly SessionRunner _runner;
    private readonly IDisposable _wanted;

    public BookChannelSession(ChannelObserver subscriber)
    {
        var options = new DeribitOptions { Url = new Uri("ws://127.0.0.1/") };
        var scheduler = DefaultScheduler.Instance;
        var context = new AdapterContext
        {
            Options = options,
            Scheduler = scheduler,
            Logger = NullLogger.Instance,
            Subscriptions = new SubscriptionRegistry(static () => { }),
            Limiter = new CreditLimiter(options.RateLimits, scheduler),
            States = new AdapterStateMachine(scheduler),
            Rpc = new JsonRpcOptions { Scheduler = scheduler },
        };
        _wanted = context.Subscriptions.Add(BookNotifications.Channel, subscriber);
        _runner = new SessionRunner(context, new SupervisedConnection(new PushedConnection(Frames), Epoch: 1, Attempt: 1));
    }

    /// <summary>Where the benchmark pushes the frames the session reads.</summary>
    public Subject<Frame> Frames { get; } = new();

    public void Dispose()
    {
        _wanted.Dispose();
        _runner.Dispose();
        Frames.Dispose();
    }
}
