using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using Microsoft.Extensions.Logging;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// Declares the connection dead when the exchange has sent no heartbeat for twice the interval it was asked for:
/// a stalled server, or a network path that swallows frames without resetting the socket.
/// </summary>
internal sealed class HeartbeatWatchdog(IConnection connection, IScheduler scheduler, TimeSpan interval, ILogger logger) : IDisposable
{
    private readonly SerialDisposable _timer = new();
    private readonly TimeSpan _limit = interval * 2;
    private long _lastBeatTicks;

    public void Start()
    {
        // Stryker disable once Statement : equivalent on any clock that does not jump back. Without this beat the first
        // check counts the silence from the clock's origin instead of from Start; it runs one limit after Start, when
        // the silence is at least the limit either way, and every later check follows a real beat.
        Beat();
        Schedule(_limit);
    }

    /// <summary>A heartbeat (or test_request) arrived.</summary>
    public void Beat() => Volatile.Write(ref _lastBeatTicks, scheduler.Now.UtcTicks);

    public void Dispose() => _timer.Dispose();

    private void Schedule(TimeSpan due) =>
        _timer.Disposable = scheduler.Schedule(this, due, static (_, watchdog) =>
        {
            watchdog.Check();
            return Disposable.Empty;
        });

    private void Check()
    {
        var silent = TimeSpan.FromTicks(scheduler.Now.UtcTicks - Volatile.Read(ref _lastBeatTicks));
        if (silent >= _limit)
        {
            DeribitLog.HeartbeatMissed(logger, connection.Id, _limit.TotalMilliseconds);
            connection.Abort(new HeartbeatTimeoutException(interval) { ConnectionId = connection.Id });
        }
        else
        {
            Schedule(_limit - silent);
        }
    }
}
