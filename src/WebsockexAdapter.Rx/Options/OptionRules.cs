namespace WebsockexAdapter.Rx;

/// <summary>Small checks shared by the options classes, each adding one readable sentence to a list of problems.</summary>
internal static class OptionRules
{
    public static void Positive(List<string> errors, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{name} must be positive (was {value}).");
        }
    }

    public static void PositiveOrInfinite(List<string> errors, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            errors.Add($"{name} must be positive, or Timeout.InfiniteTimeSpan to turn it off (was {value}).");
        }
    }

    public static void NotNegative(List<string> errors, string name, TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            errors.Add($"{name} must not be negative (was {value}).");
        }
    }

    public static void InRange(List<string> errors, string name, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{name} must be between {min} and {max} (was {value}).");
        }
    }

    public static void NotNull(List<string> errors, string name, object? value)
    {
        if (value is null)
        {
            errors.Add($"{name} is required.");
        }
    }
}
