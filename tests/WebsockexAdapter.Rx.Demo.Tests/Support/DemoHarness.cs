using System.Net;
using System.Net.Sockets;

namespace WebsockexAdapter.Rx.Demo.Tests.Support;

/// <summary>Runs the demo's entry point in-process with captured output and an environment of the test's choosing.</summary>
internal static class DemoHarness
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task<DemoResult> RunAsync(string[] args, IReadOnlyDictionary<string, string>? environment = null, CancellationToken stop = default)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new DemoConsole(output, error, name => environment?.GetValueOrDefault(name), Interactive: false);
        var outcome = await DemoApp.RunAsync(args, console, stop).WaitAsync(Timeout, CancellationToken.None);
        return new DemoResult(outcome, output.ToString(), error.ToString());
    }

    /// <summary>A loopback port nothing listens on: bound, read, and released.</summary>
    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

internal sealed record DemoResult(DemoOutcome Outcome, string Output, string Error)
{
    public int ExitCode => Outcome.ExitCode;

    public Demo.Run.DemoSummary Summary => Outcome.Summary ?? throw new Xunit.Sdk.XunitException($"no summary; exit {ExitCode}; stderr: {Error}; stdout: {Output}");
}
