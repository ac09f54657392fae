namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// The exchange would not subscribe a channel: it left the channel out of its answer (an unknown name), or refused the
/// request with an error (13778: a raw channel without authentication). The channel's stream errors with this; the
/// connection and every other channel carry on.
/// </summary>
public sealed class SubscriptionRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="channel">The channel refused.</param>
    /// <param name="reason">Why, in the exchange's words or ours.</param>
    /// <param name="code">The exchange's error code, when it sent one.</param>
    public SubscriptionRejectedException(string channel, string reason, int? code = null)
        : base($"The exchange would not subscribe '{channel}': {reason}.")
    {
        Channel = channel;
        Code = code;
    }

    /// <summary>Creates the exception with a default message.</summary>
    public SubscriptionRejectedException()
        : base("The exchange would not subscribe the channel.")
    {
        Channel = string.Empty;
    }

    /// <summary>Creates the exception with a message of your own.</summary>
    /// <param name="message">The message.</param>
    public SubscriptionRejectedException(string message)
        : base(message)
    {
        Channel = string.Empty;
    }

    /// <summary>Creates the exception with a message of your own and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SubscriptionRejectedException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Channel = string.Empty;
    }

    /// <summary>The channel refused.</summary>
    public string Channel { get; }

    /// <summary>The exchange's error code, when it sent one.</summary>
    public int? Code { get; }
}
