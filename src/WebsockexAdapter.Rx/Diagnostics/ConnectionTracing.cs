using System.Diagnostics;

namespace WebsockexAdapter.Rx;

/// <summary>
/// Spans under the activity source <c>WebsockexAdapter.Rx</c>, for OpenTelemetry (<c>AddSource(ConnectionTracing.ActivitySourceName)</c>):
/// <c>Supervise</c> starts one per connection attempt, the root of its own trace, and
/// <see cref="RestoreStepExtensions.RunRestoreStepAsync"/> one per restore step, a child of its connection's attempt.
/// The attempt span lasts from the attempt's start until the restore yields its first element (the session is up) or
/// the attempt fails. With no listener no span is created: a check of one flag per attempt or step.
/// Errors are recorded as the span's status and an <c>exception</c> event with the error's type and message only: the
/// library's messages give addresses through <see cref="LogSafe"/>, and a stack trace would add the inner errors' text.
/// </summary>
public static class ConnectionTracing
{
    /// <summary>The activity source's name (the meter's, <see cref="ClientMetrics.MeterName"/>, is the same).</summary>
    public const string ActivitySourceName = "WebsockexAdapter.Rx";

    /// <summary>The name of a connection attempt's span.</summary>
    public const string AttemptSpanName = "websockex.connection.attempt";

    /// <summary>The prefix of a restore step's span name: <c>websockex.restore.auth</c> for the step <c>auth</c>.</summary>
    public const string RestoreSpanPrefix = "websockex.restore.";

    /// <summary>The tag with the connection id (the one in log lines and states).</summary>
    public const string ConnectionIdTag = "websockex.connection.id";

    /// <summary>The tag with the connection's epoch: the one it has, or would have had for a failed attempt.</summary>
    public const string EpochTag = "websockex.connection.epoch";

    /// <summary>The tag with the attempt number within its series (1 unless earlier attempts failed).</summary>
    public const string AttemptTag = "websockex.connection.attempt";

    /// <summary>The tag with a restore step's name.</summary>
    public const string RestoreStepTag = "websockex.restore.step";

    internal static readonly ActivitySource Source = new(ActivitySourceName);

    /// <summary>
    /// A new root span for an attempt, or <see langword="null"/> when nobody listens. It is made a root, and left out
    /// of <see cref="Activity.Current"/>, so that neither the code that subscribed nor the retry's timer adopts it.
    /// </summary>
    internal static Activity? StartAttempt(int attempt, int epoch)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var ambient = Activity.Current;
        Activity.Current = null;
        var span = Source.StartActivity(AttemptSpanName, ActivityKind.Client);
        Activity.Current = ambient;
        span?.SetTag(AttemptTag, attempt).SetTag(EpochTag, epoch);
        return span;
    }

    /// <summary>Ends a span, as failed when <paramref name="error"/> is given, leaving <see cref="Activity.Current"/> as it was.</summary>
    internal static void End(Activity? span, Exception? error)
    {
        if (span is null)
        {
            return;
        }

        if (error is not null)
        {
            Fail(span, error);
        }

        var ambient = Activity.Current;
        span.Stop();
        Activity.Current = ReferenceEquals(ambient, span) ? null : ambient;
    }

    /// <summary>Marks <paramref name="span"/> failed with the error's type and message (no stack trace, see the class summary).</summary>
    internal static void Fail(Activity span, Exception error)
    {
        var type = error.GetType().FullName;
        span.SetStatus(ActivityStatusCode.Error, error.Message);
        span.SetTag("error.type", type);
        span.AddEvent(new ActivityEvent("exception", tags: new ActivityTagsCollection
        {
            ["exception.type"] = type,
            ["exception.message"] = error.Message,
        }));
    }
}
