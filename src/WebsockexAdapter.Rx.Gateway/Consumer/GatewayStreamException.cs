namespace WebsockexAdapter.Rx.Gateway;

/// <summary>The gateway refused a channel, or its adapter's stream of that channel ended with an error.</summary>
public sealed class GatewayStreamException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="channel">The channel concerned.</param>
    /// <param name="message">What the gateway said.</param>
    public GatewayStreamException(string channel, string message)
        : base($"{channel}: {message}")
    {
        Channel = channel;
    }

    /// <summary>Creates the exception.</summary>
    public GatewayStreamException()
        : this(string.Empty, "the gateway ended the stream")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public GatewayStreamException(string message)
        : this(string.Empty, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public GatewayStreamException(string message, Exception innerException)
        : base(message, innerException)
    {
        Channel = string.Empty;
    }

    /// <summary>The channel concerned.</summary>
    public string Channel { get; } = string.Empty;
}
