namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// A request could not be sent within the client-side rate limit: too many requests were already waiting for credits.
/// Nothing was sent; the caller decides whether to try later.
/// </summary>
public sealed class RateLimitExceededException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="method">The method that was not sent.</param>
    /// <param name="queued">How many requests were waiting already.</param>
    public RateLimitExceededException(string method, int queued)
        : base($"{method} was not sent: {queued} requests are already waiting for rate-limit credits.")
    {
        Method = method;
    }

    /// <summary>Creates the exception with a default message.</summary>
    public RateLimitExceededException()
        : base("The request was not sent: the rate limit's queue is full.")
    {
        Method = string.Empty;
    }

    /// <summary>Creates the exception with a message of your own.</summary>
    /// <param name="message">The message.</param>
    public RateLimitExceededException(string message)
        : base(message)
    {
        Method = string.Empty;
    }

    /// <summary>Creates the exception with a message of your own and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public RateLimitExceededException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Method = string.Empty;
    }

    /// <summary>The method that was not sent.</summary>
    public string Method { get; }
}
