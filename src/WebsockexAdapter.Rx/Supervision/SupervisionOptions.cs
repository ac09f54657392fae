namespace WebsockexAdapter.Rx;

/// <summary>How <c>Supervise</c> retries, and what it tells its owner along the way.</summary>
public sealed record SupervisionOptions
{
    /// <summary>The delays between attempts. The default value is a <see cref="BackoffOptions"/> with its defaults.</summary>
    public BackoffOptions Backoff { get; init; } = new();

    /// <summary>
    /// Whether an error is worth another connection; an error it refuses ends the stream. The default value is
    /// <see langword="null"/>, meaning <see cref="TransientErrors.IsTransient"/>.
    /// </summary>
    public Func<Exception, bool>? ShouldRetry { get; init; }

    /// <summary>
    /// Called before each attempt subscribes to the connection source. An exception it throws fails that attempt. The
    /// default value is <see langword="null"/>.
    /// </summary>
    public Action<SupervisionAttempt>? OnConnecting { get; init; }

    /// <summary>
    /// Called for each new connection before its restore is subscribed. An exception it throws fails that connection
    /// (it is aborted and retried like any failure). The default value is <see langword="null"/>.
    /// </summary>
    public Action<SupervisedConnection>? OnConnected { get; init; }

    /// <summary>Called each time a retry is scheduled; its exceptions are swallowed. The default value is <see langword="null"/>.</summary>
    public Action<SupervisionRetry>? OnRetry { get; init; }
}
