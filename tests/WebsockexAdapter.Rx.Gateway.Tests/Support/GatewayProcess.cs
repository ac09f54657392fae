using System.Diagnostics;
using System.Text;

namespace WebsockexAdapter.Rx.Gateway.Tests.Support;

/// <summary>The gateway as its own process (the built WebsockexAdapter.Rx.Gateway.dll), so a test can kill it outright.</summary>
internal sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _active = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private GatewayProcess(Process process) => _process = process;

    public static async Task<GatewayProcess> StartActiveAsync(string natsUrl, Uri exchange, string prefix, TimeSpan leaderTtl)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "WebsockexAdapter.Rx.Gateway.dll"),
            "--nats", natsUrl, "--url", exchange.ToString(), "--prefix", prefix,
            "--leader-ttl", leaderTtl.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        var gateway = new GatewayProcess(new Process { StartInfo = start, EnableRaisingEvents = true });
        gateway._process.OutputDataReceived += (_, line) => gateway.OnLine(line.Data);
        gateway._process.ErrorDataReceived += (_, line) => gateway.OnLine(line.Data);
        gateway._process.Exited += (_, _) => gateway._active.TrySetException(new InvalidOperationException($"the gateway process exited:\n{gateway.Output}"));
        gateway._process.Start();
        gateway._process.BeginOutputReadLine();
        gateway._process.BeginErrorReadLine();
        try
        {
            await gateway._active.Task.WaitAsync(GatewayRig.Timeout);
        }
        catch (TimeoutException)
        {
            await gateway.DisposeAsync();
            throw new TimeoutException($"the gateway process did not become active within {GatewayRig.Timeout.TotalSeconds} s:\n{gateway.Output}");
        }

        return gateway;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Kills the process: no goodbye to NATS, no release of the leader key, no unsubscribe.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync().WaitAsync(GatewayRig.Timeout);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.Contains("is now Active", StringComparison.Ordinal))
        {
            _active.TrySetResult();
        }
    }
}
