namespace WebsockexAdapter.Rx.Tests.Options;

public sealed class CircuitBreakerOptionsTest
{
    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new CircuitBreakerOptions();

        Assert.Equal(10, options.FailureThreshold);
        Assert.Equal(TimeSpan.FromSeconds(60), options.BreakDuration);
        Assert.Equal(TimeSpan.FromMinutes(10), options.SamplingDuration);
        Assert.Equal(10, CircuitBreakerOptions.DefaultFailureThreshold);
        Assert.Equal(TimeSpan.FromSeconds(60), CircuitBreakerOptions.DefaultBreakDuration);
        Assert.Equal(TimeSpan.FromMinutes(10), CircuitBreakerOptions.DefaultSamplingDuration);
    }

    [Fact]
    public void Validate_PollysLimits_AreTheEdges()
    {
        var edges = new CircuitBreakerOptions { FailureThreshold = 2, BreakDuration = TimeSpan.FromMilliseconds(500), SamplingDuration = TimeSpan.FromDays(1) };

        new BackoffOptions { CircuitBreaker = edges }.Validate();
    }

    [Fact]
    public void Validate_WithEveryValueWrong_ListsEveryProblem()
    {
        var options = new BackoffOptions
        {
            CircuitBreaker = new CircuitBreakerOptions
            {
                FailureThreshold = 1,
                BreakDuration = TimeSpan.FromMilliseconds(100),
                SamplingDuration = TimeSpan.FromDays(2),
            },
        };

        var error = Assert.Throws<InvalidOptionsException>(options.Validate);

        Assert.Equal(
            [
                "BackoffOptions.CircuitBreaker.FailureThreshold must be between 2 and 2147483647 (was 1).",
                "BackoffOptions.CircuitBreaker.BreakDuration must be between 0.5 s and 1 day (was 00:00:00.1000000).",
                "BackoffOptions.CircuitBreaker.SamplingDuration must be between 0.5 s and 1 day (was 2.00:00:00).",
            ],
            error.Errors);
    }
}
