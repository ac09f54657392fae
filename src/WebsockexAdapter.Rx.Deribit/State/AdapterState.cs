namespace WebsockexAdapter.Rx.Deribit;

/// <summary>An adapter's lifecycle status and why it is there.</summary>
/// <param name="Status">The status.</param>
/// <param name="Timestamp">When it was entered, on the adapter's scheduler.</param>
public sealed record AdapterState(AdapterStatus Status, DateTimeOffset Timestamp)
{
    /// <summary>The connection epoch concerned: 1 for the first connection, 2 after the first reconnect, ...</summary>
    public int Epoch { get; init; }

    /// <summary>The connection concerned, when there is one.</summary>
    public string? ConnectionId { get; init; }

    /// <summary>The attempt number within the current series of failures (1 for the first attempt).</summary>
    public int Attempt { get; init; }

    /// <summary>For <see cref="AdapterStatus.Reconnecting"/>: how long until the next attempt.</summary>
    public TimeSpan? NextAttemptIn { get; init; }

    /// <summary>The error that caused this state, if any.</summary>
    public Exception? Error { get; init; }

    /// <summary>A one-line reason for logs and dashboards; never holds a secret.</summary>
    public string Reason { get; init; } = string.Empty;

    /// <summary>The status and reason, for logs.</summary>
    public override string ToString() => string.IsNullOrEmpty(Reason) ? Status.ToString() : $"{Status}: {Reason}";
}
