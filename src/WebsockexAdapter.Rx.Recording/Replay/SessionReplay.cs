using System.Reactive.Concurrency;

namespace WebsockexAdapter.Rx.Recording;

/// <summary>
/// A recording and the virtual clock it plays on. Build the client or adapter with <see cref="TransportFactory"/> and
/// <see cref="Scheduler"/> (<c>options.ReplayFrom(recording)</c> does both), subscribe, then move the clock:
/// <see cref="Run"/> as fast as possible, or <see cref="RunPacedAsync"/> at 1× or N× the recorded speed. Every timer
/// of the client, the adapter and the strategy (<c>Sample</c>, <c>Buffer(TimeSpan)</c>, <c>Throttle</c>,
/// <c>Timeout</c>) runs on the same clock, so they see recorded time.
/// </summary>
public sealed class SessionReplay
{
    /// <summary>How far a paced replay moves the clock per step, in wall time.</summary>
    private static readonly TimeSpan PacedStep = TimeSpan.FromMilliseconds(10);

    private readonly ReplayScheduler _scheduler;

    /// <summary>Creates the replay, its clock set to the recording's first event.</summary>
    /// <param name="recording">What to play.</param>
    public SessionReplay(SessionRecording recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        Recording = recording;
        Scheduler = _scheduler = new ReplayScheduler(recording.Start);
        TransportFactory = new ReplayTransportFactory(recording, Scheduler);
    }

    /// <summary>What is played.</summary>
    public SessionRecording Recording { get; }

    /// <summary>The virtual clock: give it to the client or adapter, and to every time-based operator of the strategy.</summary>
    public HistoricalScheduler Scheduler { get; }

    /// <summary>The transport factory that hands out the recorded connections.</summary>
    public ReplayTransportFactory TransportFactory { get; }

    /// <summary>Plays the whole recording as fast as possible, then returns.</summary>
    public void Run() => RunTo(Recording.End);

    /// <summary>Plays as fast as possible up to <paramref name="time"/> (never back).</summary>
    /// <param name="time">The recorded time to stop at.</param>
    public void RunTo(DateTimeOffset time)
    {
        if (time > Scheduler.Now)
        {
            NoSynchronizationContext.Run(() => _scheduler.RunTo(time));
        }
    }

    /// <summary>
    /// Plays at <paramref name="speed"/> times the recorded pace (1 is real time) until the recording's end: every
    /// few milliseconds of <paramref name="clock"/>'s time, the virtual clock catches up.
    /// </summary>
    /// <param name="speed">How many recorded seconds pass per second; more than 0.</param>
    /// <param name="clock">The wall clock; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <param name="cancellationToken">Stops the replay where it is.</param>
    public async Task RunPacedAsync(double speed, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(speed);
        clock ??= TimeProvider.System;
        var startedAt = clock.GetTimestamp();
        var from = Scheduler.Now;
        while (Scheduler.Now < Recording.End)
        {
            await Task.Delay(PacedStep, clock, cancellationToken).ConfigureAwait(false);
            var recorded = TimeSpan.FromTicks((long)(clock.GetElapsedTime(startedAt).Ticks * speed));
            var target = from + recorded;
            RunTo(target < Recording.End ? target : Recording.End);
        }
    }
}
