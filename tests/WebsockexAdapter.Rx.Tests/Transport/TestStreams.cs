using System.Reactive;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;

namespace WebsockexAdapter.Rx.Tests.Transport;

/// <summary>What the transport tests over real sockets share: watching a client's streams, and retrying at once.</summary>
internal static class TestStreams
{
    /// <summary>Retries with no delay, no jitter and no breaker, so a reconnect test waits only for the socket.</summary>
    public static BackoffOptions Immediately { get; } = new()
    {
        InitialDelay = TimeSpan.Zero,
        MaxDelay = TimeSpan.Zero,
        UseJitter = false,
        CircuitBreaker = null,
    };

    /// <summary>Subscribes now and replays everything seen to later subscribers; the subscription lasts the test.</summary>
    public static IObservable<T> Record<T>(IObservable<T> source)
    {
        var recorded = source.Replay();
        recorded.Connect();
        return recorded;
    }

    /// <summary>How <paramref name="source"/> ends: its completion or its error.</summary>
    public static Task<Notification<T>> EndOf<T>(IObservable<T> source) =>
        source.Materialize().FirstAsync(n => n.Kind != NotificationKind.OnNext).ToTask();
}
