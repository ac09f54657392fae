using System.Diagnostics;

namespace WebsockexAdapter.Rx;

/// <summary>Restore steps as spans, so a trace of a reconnection shows what the restore did and which step failed.</summary>
public static class RestoreStepExtensions
{
    /// <summary>
    /// Runs one restore step of <paramref name="connection"/> in a span named <c>websockex.restore.</c><paramref name="step"/>,
    /// a child of the connection's attempt span, with the connection id, epoch and step as tags and a failure recorded
    /// (see <see cref="ConnectionTracing"/>). With no listener it only runs the step.
    /// </summary>
    /// <param name="connection">The connection being restored, as <c>Supervise</c> handed it over.</param>
    /// <param name="step">A short, fixed name: <c>heartbeat</c>, <c>auth</c>, <c>subscribe</c>; never data.</param>
    /// <param name="run">The step.</param>
    /// <returns>The step's task; it fails with the step's error.</returns>
    /// <example>
    /// <code>
    /// restore: c => Observable.FromAsync(() => c.RunRestoreStepAsync("auth", () => LoginAsync(c.Connection)))
    /// </code>
    /// </example>
    public static async Task RunRestoreStepAsync(this SupervisedConnection connection, string step, Func<Task> run)
    {
        ArgumentException.ThrowIfNullOrEmpty(step);
        ArgumentNullException.ThrowIfNull(run);
        using var span = StartStep(connection, step);
        try
        {
            await run().ConfigureAwait(false);
        }
        catch (Exception error) when (span is not null)
        {
            ConnectionTracing.Fail(span, error);
            throw;
        }
    }

    private static Activity? StartStep(SupervisedConnection connection, string step)
    {
        if (!ConnectionTracing.Source.HasListeners())
        {
            return null;
        }

        return ConnectionTracing.Source.StartActivity(ConnectionTracing.RestoreSpanPrefix + step, ActivityKind.Internal, connection.TraceContext)?
            .SetTag(ConnectionTracing.ConnectionIdTag, connection.Connection?.Id)
            .SetTag(ConnectionTracing.EpochTag, connection.Epoch)
            .SetTag(ConnectionTracing.RestoreStepTag, step);
    }
}
