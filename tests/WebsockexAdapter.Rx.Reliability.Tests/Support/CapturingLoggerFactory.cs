using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace WebsockexAdapter.Rx.Reliability.Tests.Support;

/// <summary>
/// Keeps every log line written, at every level, formatted with its exception, so tests can search them for secrets.
/// A long soak drains the lines as it checks them, so memory stays flat.
/// </summary>
internal sealed class CapturingLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentQueue<string> _lines = new();
    private long _written;

    /// <summary>How many lines were written in all, drained or not.</summary>
    public long Written => Interlocked.Read(ref _written);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>Takes every line written since the last drain.</summary>
    public List<string> Drain()
    {
        var lines = new List<string>();
        while (_lines.TryDequeue(out var line))
        {
            lines.Add(line);
        }

        return lines;
    }

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private void Add(string line)
    {
        Interlocked.Increment(ref _written);
        _lines.Enqueue(line);
    }

    private sealed class Logger(CapturingLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Add($"{logLevel} {category} [{eventId.Id}] {formatter(state, exception)} {exception}");
    }
}
