namespace WebsockexAdapter.Rx.Reliability.Tests.Properties;

/// <summary>What happens next in a generated JSON-RPC conversation.</summary>
public enum RouterStepKind
{
    /// <summary>The client starts a call.</summary>
    Call,

    /// <summary>The server answers one of the calls sent so far (answered, timed out or pending) with a result.</summary>
    Result,

    /// <summary>The server answers one of the calls sent so far with an error.</summary>
    Error,

    /// <summary>The server sends a notification.</summary>
    Notification,

    /// <summary>The server sends something that is not usable JSON-RPC.</summary>
    Garbage,

    /// <summary>Virtual time passes.</summary>
    Advance,
}

/// <param name="Kind">The step.</param>
/// <param name="Pick">Which call a reply answers (modulo the calls sent), which garbage, which error code, or how many seconds pass.</param>
public readonly record struct RouterStep(RouterStepKind Kind, int Pick)
{
    public override string ToString() => $"{Kind}({Pick})";
}
