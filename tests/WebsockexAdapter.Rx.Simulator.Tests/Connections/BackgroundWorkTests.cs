using Microsoft.Extensions.Logging;
using WebsockexAdapter.Rx.Simulator.Connections;

namespace WebsockexAdapter.Rx.Simulator.Tests.Connections;

public sealed class BackgroundWorkTests
{
    [Fact]
    public async Task A_failure_is_logged_with_the_connection_id_and_observed()
    {
        var logger = new RecordingLogger();
        var work = new TaskCompletionSource();

        BackgroundWork.Observe(work.Task, logger, 7, "heartbeat");
        work.SetException(new InvalidOperationException("generator bug"));

        var line = await logger.FirstLine.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("[7] Background heartbeat failed", line.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(line.Error);
        Assert.True(work.Task.Exception is not null, "the exception was read, so it is observed");
    }

    [Fact]
    public async Task Cancellation_and_success_are_normal_ends_and_log_nothing()
    {
        var logger = new RecordingLogger();
        var cancelled = new TaskCompletionSource();
        var succeeded = new TaskCompletionSource();
        var cancelledByException = Task.FromException(new OperationCanceledException());

        BackgroundWork.Observe(cancelled.Task, logger, 1, "stream");
        BackgroundWork.Observe(succeeded.Task, logger, 1, "stream");
        BackgroundWork.Observe(cancelledByException, logger, 1, "stream");
        cancelled.SetCanceled();
        succeeded.SetResult();

        // The continuations run synchronously on completion; a failure after them proves the logger still listens.
        var failed = new TaskCompletionSource();
        BackgroundWork.Observe(failed.Task, logger, 2, "last");
        failed.SetException(new InvalidOperationException());
        var line = await logger.FirstLine.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("[2] Background last failed", line.Message, StringComparison.Ordinal);
    }

    private sealed class RecordingLogger : ILogger
    {
        private readonly TaskCompletionSource<(string Message, Exception? Error)> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<(string Message, Exception? Error)> FirstLine => _first.Task;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _first.TrySetResult((formatter(state, exception), exception));
    }
}
