using System.Reactive.Concurrency;
using Microsoft.Extensions.Logging;
using WebsockexAdapter.Rx.JsonRpc;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>What every connection's <see cref="SessionRunner"/> shares with the adapter that outlives them all.</summary>
internal sealed class AdapterContext
{
    private SessionRunner? _current;
    private long _decodeFailures;
    private long _skippedBefore;

    public required DeribitOptions Options { get; init; }

    public required IScheduler Scheduler { get; init; }

    public required ILogger Logger { get; init; }

    public required SubscriptionRegistry Subscriptions { get; init; }

    public required CreditLimiter Limiter { get; init; }

    public required AdapterStateMachine States { get; init; }

    public required JsonRpcOptions Rpc { get; init; }

    /// <summary>The connection being restored or live, if any.</summary>
    public SessionRunner? Current => Volatile.Read(ref _current);

    public long DecodeFailures => Interlocked.Read(ref _decodeFailures);

    /// <summary>Messages skipped by sessions that have ended, plus the current one's.</summary>
    public long SkippedMessages => Interlocked.Read(ref _skippedBefore) + (Current?.SkippedMessages ?? 0);

    public void CountDecodeFailure() => Interlocked.Increment(ref _decodeFailures);

    public void Begin(SessionRunner runner) => Volatile.Write(ref _current, runner);

    /// <summary>Forgets <paramref name="runner"/> if it is still the current one.</summary>
    public void End(SessionRunner runner)
    {
        if (Interlocked.CompareExchange(ref _current, null, runner) == runner)
        {
            Interlocked.Add(ref _skippedBefore, runner.SkippedMessages);
        }
    }
}
