namespace WebsockexAdapter.Rx.Deribit;

/// <summary>Where a <see cref="DeribitAdapter"/> is in its lifecycle.</summary>
public enum AdapterStatus
{
    /// <summary>No connection, and none wanted: nobody is subscribed, or the adapter was disposed.</summary>
    Stopped,

    /// <summary>An opening handshake is under way.</summary>
    Connecting,

    /// <summary>Connected; heartbeat, authentication, cancel-on-disconnect and subscriptions are being restored.</summary>
    Restoring,

    /// <summary>Restored: every wanted channel is subscribed and calls may be made.</summary>
    Live,

    /// <summary>The connection failed or a restore step did; the next attempt waits for the backoff delay.</summary>
    Reconnecting,

    /// <summary>Gave up: invalid credentials, or the attempts ran out. Subscribing again starts afresh.</summary>
    Faulted,
}
