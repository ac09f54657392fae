namespace WebsockexAdapter.Rx.Tests.Options;

public sealed class BackoffOptionsTest
{
    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new BackoffOptions();

        Assert.Equal(TimeSpan.FromSeconds(1), options.InitialDelay);
        Assert.Equal(TimeSpan.Zero, options.FirstRetryAfterDrop);
        Assert.Equal(2.0, options.Multiplier);
        Assert.Equal(TimeSpan.FromSeconds(30), options.MaxDelay);
        Assert.True(options.UseJitter);
        Assert.Null(options.JitterSeed);
        Assert.Equal(BackoffOptions.Unlimited, options.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ResetAfter);
        Assert.Equal(new CircuitBreakerOptions(), options.CircuitBreaker);
    }

    [Fact]
    public void DefaultConstants_MatchTheDefaults()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), BackoffOptions.DefaultInitialDelay);
        Assert.Equal(TimeSpan.Zero, BackoffOptions.DefaultFirstRetryAfterDrop);
        Assert.Equal(2.0, BackoffOptions.DefaultMultiplier);
        Assert.Equal(TimeSpan.FromSeconds(30), BackoffOptions.DefaultMaxDelay);
        Assert.True(BackoffOptions.DefaultUseJitter);
        Assert.Equal(int.MaxValue, BackoffOptions.Unlimited);
        Assert.Equal(TimeSpan.FromSeconds(30), BackoffOptions.DefaultResetAfter);
    }

    [Fact]
    public void Validate_Defaults_AndTheEdgesOfEveryRange_Pass()
    {
        new BackoffOptions().Validate();
        new BackoffOptions { InitialDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero, Multiplier = 1, MaxAttempts = 0, CircuitBreaker = null }.Validate();
        new BackoffOptions { Multiplier = 100, MaxAttempts = int.MaxValue, ResetAfter = TimeSpan.FromTicks(1) }.Validate();
    }

    [Fact]
    public void Validate_WithEveryValueWrong_ThrowsOnceListingEveryProblem()
    {
        var options = new BackoffOptions
        {
            InitialDelay = TimeSpan.FromSeconds(-1),
            MaxDelay = TimeSpan.FromSeconds(-2),
            FirstRetryAfterDrop = TimeSpan.FromSeconds(-3),
            Multiplier = 0.5,
            MaxAttempts = -1,
            ResetAfter = TimeSpan.Zero,
            CircuitBreaker = new CircuitBreakerOptions { FailureThreshold = 1 },
        };

        var error = Assert.Throws<InvalidOptionsException>(options.Validate);

        Assert.Equal(
            [
                "BackoffOptions.InitialDelay must not be negative (was -00:00:01).",
                "BackoffOptions.MaxDelay must not be negative (was -00:00:02).",
                "BackoffOptions.FirstRetryAfterDrop must not be negative (was -00:00:03).",
                "BackoffOptions.MaxDelay (-00:00:02) must not be shorter than InitialDelay (-00:00:01).",
                "BackoffOptions.Multiplier must be between 1 and 100 (was 0.5).",
                "BackoffOptions.MaxAttempts must be between 0 and 2147483647 (was -1).",
                "BackoffOptions.ResetAfter must be positive (was 00:00:00).",
                "BackoffOptions.CircuitBreaker.FailureThreshold must be between 2 and 2147483647 (was 1).",
            ],
            error.Errors);
        Assert.Equal(nameof(BackoffOptions), error.OptionsName);
    }

    [Fact]
    public void Validate_AFirstRetryAfterDropLongerThanTheMaxDelay_IsRefused()
    {
        var options = new BackoffOptions { FirstRetryAfterDrop = TimeSpan.FromSeconds(40) };

        var error = Assert.Throws<InvalidOptionsException>(options.Validate);

        Assert.Equal(["BackoffOptions.MaxDelay (00:00:30) must not be shorter than FirstRetryAfterDrop (00:00:40)."], error.Errors);
    }

    [Fact]
    public void Validate_AMultiplierThatIsNotANumber_IsRefused()
    {
        var error = Assert.Throws<InvalidOptionsException>(new BackoffOptions { Multiplier = double.NaN }.Validate);

        Assert.Equal(["BackoffOptions.Multiplier must be between 1 and 100 (was NaN)."], error.Errors);
    }

    [Fact]
    public void Validate_AMaxDelayShorterThanTheInitialDelay_IsRefused()
    {
        var options = new BackoffOptions { InitialDelay = TimeSpan.FromSeconds(10), MaxDelay = TimeSpan.FromSeconds(5) };

        var error = Assert.Throws<InvalidOptionsException>(options.Validate);

        Assert.Equal(["BackoffOptions.MaxDelay (00:00:05) must not be shorter than InitialDelay (00:00:10)."], error.Errors);
    }
}
