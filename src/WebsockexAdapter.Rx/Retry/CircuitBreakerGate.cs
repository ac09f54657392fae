using System.Reactive.Concurrency;
using Polly;
using Polly.CircuitBreaker;

namespace WebsockexAdapter.Rx;

/// <summary>
/// Polly's circuit breaker, driven one attempt at a time: <see cref="TryBegin"/> asks whether an attempt may start,
/// <see cref="Complete"/> reports whether it got through. Polly's clock is the retry's scheduler.
/// </summary>
internal sealed class CircuitBreakerGate
{
    private readonly ResiliencePipeline<bool> _pipeline;
    private readonly CircuitBreakerStateProvider _state = new();
    private readonly TimeSpan _breakDuration;
    private TaskCompletionSource<bool>? _attempt;
    private ValueTask<bool> _execution;

    public CircuitBreakerGate(CircuitBreakerOptions options, IScheduler scheduler)
    {
        _breakDuration = options.BreakDuration;
        _pipeline = new ResiliencePipelineBuilder<bool> { TimeProvider = new SchedulerTimeProvider(scheduler) }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<bool>
            {
                // Every attempt in the window failed, and there were at least FailureThreshold of them.
                FailureRatio = 1.0,
                MinimumThroughput = options.FailureThreshold,
                SamplingDuration = options.SamplingDuration,
                BreakDuration = options.BreakDuration,
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Result is false),
                StateProvider = _state,
            })
            .Build();
    }

    /// <summary>The breaker's current state.</summary>
    public CircuitState State => _state.CircuitState;

    /// <summary>
    /// Asks to start an attempt. Returns <see langword="null"/> when it may start (call <see cref="Complete"/> later),
    /// or how long the circuit stays open.
    /// </summary>
    public TimeSpan? TryBegin()
    {
        var attempt = new TaskCompletionSource<bool>();
        var admission = new Admission(attempt);
        var execution = _pipeline.ExecuteAsync(
            static (admission, _) =>
            {
                admission.Admitted = true;
                return new ValueTask<bool>(admission.Attempt.Task);
            },
            admission,
            CancellationToken.None);

        if (admission.Admitted)
        {
            _attempt = attempt;
            _execution = execution;
            return null;
        }

        // Polly completes a refused execution at once, with the time left on the break.
        if (!execution.IsCompleted)
        {
            execution.AsTask().ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
            return _breakDuration;
        }

        try
        {
            _ = execution.Result;
            return _breakDuration;
        }
        catch (BrokenCircuitException broken)
        {
            return broken.RetryAfter is { } left && left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    /// <summary>Reports how the attempt started by <see cref="TryBegin"/> ended: connected, or failed.</summary>
    public void Complete(bool connected)
    {
        var attempt = Interlocked.Exchange(ref _attempt, null);
        if (attempt is null)
        {
            return;
        }

        attempt.TrySetResult(connected);

        // The attempt's task completed synchronously, so Polly has recorded the outcome by now; consume the result once.
        var execution = _execution;
        _execution = default;
        if (execution.IsCompleted)
        {
            _ = execution.Result;
        }
        else
        {
            execution.AsTask().ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
        }
    }

    private sealed class Admission(TaskCompletionSource<bool> attempt)
    {
        public TaskCompletionSource<bool> Attempt { get; } = attempt;

        public bool Admitted { get; set; }
    }
}
