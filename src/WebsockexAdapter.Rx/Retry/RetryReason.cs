namespace WebsockexAdapter.Rx;

/// <summary>The one-line reason a reconnecting state gives, shared by the client and the adapters.</summary>
public static class RetryReason
{
    /// <summary>The reason for a retry as a sentence for a state's <c>Reason</c>: the error and the delay, or that the circuit is open.</summary>
    /// <param name="retry">The retry <c>RetryWithBackoff</c> reported.</param>
    public static string Describe(RetryEvent retry) => retry.CircuitOpen
        ? $"circuit open after repeated failures; probing in {retry.Delay.TotalSeconds:0.###} s"
        : $"{AsSentence(retry.Error.Message)} Retrying in {retry.Delay.TotalSeconds:0.###} s.";

    /// <summary>An error message that ends as a sentence, so the retry that follows it reads as the next one.</summary>
    private static string AsSentence(string message)
    {
        var trimmed = message.TrimEnd();
        return trimmed.Length == 0 ? "The connection failed." : trimmed[^1] is '.' or '!' or '?' ? trimmed : trimmed + ".";
    }
}
