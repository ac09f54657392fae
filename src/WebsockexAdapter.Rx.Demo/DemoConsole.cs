namespace WebsockexAdapter.Rx.Demo;

/// <summary>Where the demo writes and what it reads from its surroundings, so tests can run it in-process.</summary>
/// <param name="Out">Normal output: the live view, or plain lines.</param>
/// <param name="Error">Error lines.</param>
/// <param name="Environment">Reads an environment variable.</param>
/// <param name="Interactive">Whether <paramref name="Out"/> is a terminal that can redraw a live view.</param>
internal sealed record DemoConsole(TextWriter Out, TextWriter Error, Func<string, string?> Environment, bool Interactive)
{
    /// <summary>The process's console; the live view only when the output is a terminal.</summary>
    public static DemoConsole System() => new(
        Console.Out,
        Console.Error,
        global::System.Environment.GetEnvironmentVariable,
        !Console.IsOutputRedirected && Spectre.Console.AnsiConsole.Profile.Capabilities.Interactive);
}
