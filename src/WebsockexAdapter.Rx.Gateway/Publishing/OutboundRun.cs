using NATS.Client.Core;

namespace WebsockexAdapter.Rx.Gateway;

/// <summary>
/// One <see cref="OutboundQueue.RunAsync"/>: its connection, its token, and the failure of an inline drain started during
/// it. Nobody awaits an inline drain, so it can outlive its run; its failure belongs to that run: it ends the run if the
/// run's loop takes it, is reported by whoever sees the run ended first, and never reaches a later run.
/// </summary>
internal sealed class OutboundRun(INatsConnection nats, CancellationToken stopping)
{
    private Exception? _failure;
    private int _ended;

    public INatsConnection Nats => nats;

    public CancellationToken Stopping => stopping;

    /// <summary>Leaves <paramref name="error"/> for the run's loop; returns it instead if the run has ended, for the caller to report.</summary>
    public Exception? Fail(Exception error)
    {
        // Fail and End each write their own field, then read the other's, both through full fences: whichever comes
        // second sees the first, so the failure is taken exactly once, by the loop, by End or here.
        Interlocked.Exchange(ref _failure, error);
        return Volatile.Read(ref _ended) == 1 ? TakeFailure() : null;
    }

    /// <summary>The failure left for the loop, if any; once.</summary>
    public Exception? TakeFailure() => Interlocked.Exchange(ref _failure, null);

    /// <summary>Marks the run ended; returns a failure its loop did not take, for the caller to report.</summary>
    public Exception? End()
    {
        Interlocked.Exchange(ref _ended, 1);
        return TakeFailure();
    }
}
