namespace WebsockexAdapter.Rx.Tests.Retry;

public sealed class RetryReasonTest
{
    [Theory]
    [InlineData("The server refused the handshake", "The server refused the handshake. Retrying in 1.5 s.")]
    [InlineData("The connection broke.", "The connection broke. Retrying in 1.5 s.")]
    [InlineData("Closed by the server: going away!  ", "Closed by the server: going away! Retrying in 1.5 s.")]
    [InlineData("", "The connection failed. Retrying in 1.5 s.")]
    public void TheReason_IsTheErrorAsASentence_ThenTheRetry(string error, string expected) =>
        Assert.Equal(expected, RetryReason.Describe(new RetryEvent(1, TimeSpan.FromSeconds(1.5), new InvalidOperationException(error), CircuitOpen: false)));

    [Fact]
    public void AnOpenCircuit_SaysItProbes() =>
        Assert.Equal(
            "circuit open after repeated failures; probing in 30 s",
            RetryReason.Describe(new RetryEvent(5, TimeSpan.FromSeconds(30), new InvalidOperationException("refused"), CircuitOpen: true)));
}
