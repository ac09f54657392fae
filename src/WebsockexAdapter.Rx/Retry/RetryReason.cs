namespace WebsockexAdapter.Rx;

/// <summary>The one-line reason a reconnecting state gives, shared by the client and the adapters.</summary>
public static class RetryReason
{
    /// <summary>The reason for a retry as a sentence for a state's <c>Reason</c>: the error and the delay, or that the circuit is open.</summary>
    /// <param name="retry">The retry <c>RetryWithBackoff</c> reported.</param>
    public static string Describe(RetryEvent retry) => retry.CircuitOpen
        ? $"circuit open after repeated failures; probing in {retry.Delay.TotalSeconds:0.###} s"
        : $"{retry.Error.Message} Retrying in {retry.Delay.TotalSeconds:0.###} s.";
}
