namespace WebsockexAdapter.Rx;

/// <summary>Thrown when options are used that break one or more rules; <see cref="Errors"/> lists every problem.</summary>
public sealed class InvalidOptionsException : ArgumentException
{
    /// <summary>Creates the exception from the list of problems found.</summary>
    /// <param name="optionsName">The options type that was checked.</param>
    /// <param name="errors">Every problem, one sentence each.</param>
    public InvalidOptionsException(string optionsName, IReadOnlyList<string> errors)
        : base($"{optionsName} is invalid: {string.Join(" ", errors)}")
    {
        OptionsName = optionsName;
        Errors = errors;
    }

    /// <summary>The options type that was checked.</summary>
    public string OptionsName { get; }

    /// <summary>Every problem found, one sentence each.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>Throws when <paramref name="errors"/> is not empty.</summary>
    internal static void ThrowIfAny(string optionsName, List<string> errors)
    {
        if (errors.Count > 0)
        {
            throw new InvalidOptionsException(optionsName, errors);
        }
    }
}
