namespace WebsockexAdapter.Rx;

/// <summary>
/// A subscriber fell so far behind its stream that its queue was full: that subscription ends with this error, and the
/// connection and every other subscriber carry on. Subscribing again starts afresh.
/// </summary>
public sealed class SlowConsumerException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="stream">The stream's name.</param>
    /// <param name="capacity">The queue's capacity.</param>
    /// <param name="lag">How long the oldest waiting element had been waiting.</param>
    public SlowConsumerException(string stream, int capacity, TimeSpan lag)
        : base($"The subscriber of {stream} fell {capacity} elements ({lag.TotalMilliseconds:0} ms) behind; its subscription ends, and the connection carries on.")
    {
        Stream = stream;
        Capacity = capacity;
        Lag = lag;
    }

    /// <summary>Creates the exception with a default message.</summary>
    public SlowConsumerException()
        : this("a stream", 0, TimeSpan.Zero)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    public SlowConsumerException(string message)
        : base(message)
    {
        Stream = string.Empty;
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public SlowConsumerException(string message, Exception innerException)
        : base(message, innerException)
    {
        Stream = string.Empty;
    }

    /// <summary>The stream's name, e.g. <c>book.BTC-PERPETUAL.100ms</c>.</summary>
    public string Stream { get; }

    /// <summary>The queue's capacity.</summary>
    public int Capacity { get; }

    /// <summary>How long the oldest waiting element had been waiting when the queue overflowed.</summary>
    public TimeSpan Lag { get; }
}
