namespace WebsockexAdapter.Rx;

/// <summary>The one-line reason a reconnecting state gives, shared by the client and the adapters.</summary>
internal static class RetryReason
{
    public static string Describe(RetryEvent retry) => retry.CircuitOpen
        ? $"circuit open after repeated failures; probing in {retry.Delay.TotalSeconds:0.###} s"
        : $"{retry.Error.Message} Retrying in {retry.Delay.TotalSeconds:0.###} s.";
}
