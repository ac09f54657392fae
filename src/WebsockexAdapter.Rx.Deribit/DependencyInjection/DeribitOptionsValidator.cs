using Microsoft.Extensions.Options;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>Checks <see cref="DeribitOptions"/> for the Options pattern, with the same rules the adapter applies.</summary>
internal sealed class DeribitOptionsValidator : IValidateOptions<DeribitOptions>
{
    public ValidateOptionsResult Validate(string? name, DeribitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
