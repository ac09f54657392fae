using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace WebsockexAdapter.Rx.Gateway.Tests.Support;

/// <summary>Keeps each log line's level, event id and exception, for a test to await.</summary>
internal sealed class RecordingLogger : ILogger
{
    private readonly Channel<(LogLevel Level, int EventId, Exception? Error)> _lines = Channel.CreateUnbounded<(LogLevel, int, Exception?)>();

    /// <summary>Lines written and not yet read.</summary>
    public int Count => _lines.Reader.Count;

    /// <summary>The next line written.</summary>
    public async Task<(LogLevel Level, int EventId, Exception? Error)> NextAsync() =>
        await _lines.Reader.ReadAsync().AsTask().WaitAsync(GatewayRig.Timeout);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _lines.Writer.TryWrite((logLevel, eventId.Id, exception));
}
