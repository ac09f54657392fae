namespace WebsockexAdapter.Rx;

/// <summary>A retry <c>Supervise</c> has scheduled after a connection ended or an attempt failed.</summary>
/// <param name="Retry">The delay, the retry number and the error.</param>
/// <param name="ConnectionId">
/// The id of the connection that failed: the error's, when it names one, or else the last connection that opened in
/// this subscription; <see langword="null"/> when none has.
/// </param>
/// <param name="Epoch">The epoch of the last connection that opened (0 when none has).</param>
public readonly record struct SupervisionRetry(RetryEvent Retry, string? ConnectionId, int Epoch)
{
    /// <summary>The number of the attempt the retry will make.</summary>
    public int NextAttempt => Retry.Attempt + 1;
}
