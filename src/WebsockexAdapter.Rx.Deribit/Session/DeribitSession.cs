namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// One underlying connection after its restore: heartbeat set, authenticated (when credentials are given),
/// cancel-on-disconnect enabled (when configured) and every wanted channel subscribed.
/// </summary>
public sealed record DeribitSession
{
    /// <summary>1 for the first connection, one more for each new connection after it.</summary>
    public required int Epoch { get; init; }

    /// <summary>The connection's correlation id, as in the log lines.</summary>
    public required string ConnectionId { get; init; }

    /// <summary>When the handshake completed, on the adapter's scheduler.</summary>
    public required DateTimeOffset ConnectedAt { get; init; }

    /// <summary>When the restore finished and the session went live.</summary>
    public required DateTimeOffset LiveAt { get; init; }

    /// <summary>How long the restore took.</summary>
    public TimeSpan RestoreDuration => LiveAt - ConnectedAt;

    /// <summary>Whether <c>public/auth</c> succeeded on this connection.</summary>
    public bool IsAuthenticated { get; init; }

    /// <summary>The cancel-on-disconnect scope enabled on this connection.</summary>
    public CancelOnDisconnectScope CancelOnDisconnect { get; init; }

    /// <summary>The channels subscribed by the restore.</summary>
    public IReadOnlyList<string> Channels { get; init; } = [];
}
