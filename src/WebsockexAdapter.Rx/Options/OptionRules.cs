namespace WebsockexAdapter.Rx;

/// <summary>
/// Small checks shared by the options classes (the core's and the adapters'), each adding one readable sentence to a
/// list of problems, so that validation can report every broken rule at once in an <see cref="InvalidOptionsException"/>.
/// </summary>
public static class OptionRules
{
    /// <summary>Adds a problem unless <paramref name="value"/> is greater than zero.</summary>
    /// <param name="errors">The problems found so far.</param>
    /// <param name="name">The setting's name as the sentence should give it.</param>
    /// <param name="value">The value to check.</param>
    public static void Positive(ICollection<string> errors, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{name} must be positive (was {value}).");
        }
    }

    /// <summary>Adds a problem unless <paramref name="value"/> is greater than zero or <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
    /// <param name="errors">The problems found so far.</param>
    /// <param name="name">The setting's name as the sentence should give it.</param>
    /// <param name="value">The value to check.</param>
    public static void PositiveOrInfinite(ICollection<string> errors, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            errors.Add($"{name} must be positive, or Timeout.InfiniteTimeSpan to turn it off (was {value}).");
        }
    }

    /// <summary>Adds a problem if <paramref name="value"/> is below zero.</summary>
    /// <param name="errors">The problems found so far.</param>
    /// <param name="name">The setting's name as the sentence should give it.</param>
    /// <param name="value">The value to check.</param>
    public static void NotNegative(ICollection<string> errors, string name, TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            errors.Add($"{name} must not be negative (was {value}).");
        }
    }

    /// <summary>Adds a problem unless <paramref name="value"/> lies between <paramref name="min"/> and <paramref name="max"/>, both included.</summary>
    /// <param name="errors">The problems found so far.</param>
    /// <param name="name">The setting's name as the sentence should give it.</param>
    /// <param name="value">The value to check.</param>
    /// <param name="min">The smallest value allowed.</param>
    /// <param name="max">The largest value allowed.</param>
    public static void InRange(ICollection<string> errors, string name, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{name} must be between {min} and {max} (was {value}).");
        }
    }

    /// <summary>Adds a problem if <paramref name="value"/> is <see langword="null"/>.</summary>
    /// <param name="errors">The problems found so far.</param>
    /// <param name="name">The setting's name as the sentence should give it.</param>
    /// <param name="value">The value to check.</param>
    public static void NotNull(ICollection<string> errors, string name, object? value)
    {
        if (value is null)
        {
            errors.Add($"{name} is required.");
        }
    }
}
