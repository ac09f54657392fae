using System.Diagnostics;
using WebsockexAdapter.Rx.Simulator.Tests.Support;

namespace WebsockexAdapter.Rx.Simulator.Tests.Standalone;

public sealed class StandaloneServerTests
{
    [Fact]
    public async Task StandaloneServer_PrintsItsUrl_AndAnswersPublicTest()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "WebsockexAdapter.Rx.Simulator.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "--port", "0", "--seed", "3", "--min-heartbeat", "1" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        try
        {
            var uri = await ReadUrlAsync(process).WaitAsync(TimeSpan.FromSeconds(20));
            await using var client = await TestClient.ConnectAsync(uri);

            var result = await client.ResultAsync("public/test");

            Assert.Equal(SimulatorOptions.ServerVersion, result.Str("version"));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public async Task StandaloneServer_BadArgument_ExitsWithUsage()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "WebsockexAdapter.Rx.Simulator.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--bogus");

        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("usage:", error, StringComparison.Ordinal);
    }

    private static async Task<Uri> ReadUrlAsync(Process process)
    {
        const string Marker = "Deribit simulator listening on ";
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            var at = line.IndexOf(Marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                return new Uri(line[(at + Marker.Length)..].Trim());
            }
        }

        throw new InvalidOperationException("The server exited without printing its URL: " + await process.StandardError.ReadToEndAsync());
    }
}
