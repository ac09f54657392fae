namespace WebsockexAdapter.Rx.Demo.Cli;

/// <summary>A failure the demo reports as one line and an exit code, instead of a stack trace.</summary>
#pragma warning disable CA1032 // Always created with its kind and message; the standard constructors would have neither.
internal sealed class DemoException(DemoError error, string message, Exception? inner = null)
    : Exception(OneLine(message), inner)
#pragma warning restore CA1032
{
    public DemoError Error { get; } = error;

    public int ExitCode => (int)Error;

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
