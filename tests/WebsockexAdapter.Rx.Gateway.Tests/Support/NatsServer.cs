using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WebsockexAdapter.Rx.Gateway.Tests.Support;

/// <summary>
/// A real nats-server with JetStream on loopback: a free port, its store in a temp dir, started and killed by the test.
/// Without the binary it throws: these tests never pass or skip silently without a server.
/// </summary>
internal sealed class NatsServer : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(15);
    private static readonly string[] Places = ["/usr/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/sbin"];
    private readonly string _binary;
    private readonly string _storeDir;
    private Process? _process;

    private NatsServer(string binary, int port, string storeDir)
    {
        _binary = binary;
        Port = port;
        _storeDir = storeDir;
    }

    public int Port { get; }

    public string Url => $"nats://127.0.0.1:{Port}";

    public static async Task<NatsServer> StartAsync()
    {
        var binary = Find() ?? throw new InvalidOperationException(
            "nats-server was not found on PATH or in /usr/sbin: install it (apt-get update && apt-get install -y nats-server; .ci/run does this). " +
            "The gateway tests need a real server and do not skip without one.");
        var storeDir = Directory.CreateTempSubdirectory("wxa-nats-").FullName;
        var server = new NatsServer(binary, FreePort(), storeDir);
        try
        {
            await server.StartProcessAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Kills the server (no goodbye to clients, as a crash) and waits for it to be gone.</summary>
    public async Task KillAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(ReadyTimeout);
            process.Dispose();
        }
    }

    /// <summary>Starts it again on the same port with the same store.</summary>
    public Task RestartAsync() => StartProcessAsync();

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try
        {
            Directory.Delete(_storeDir, recursive: true);
        }
        catch (IOException)
        {
            // The OS still holds a file of the killed server; the temp dir is left for the OS to clean.
        }
    }

    private async Task StartProcessAsync()
    {
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new StringBuilder();
        var process = new Process
        {
            StartInfo = new ProcessStartInfo(_binary)
            {
                ArgumentList = { "-a", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-js", "-sd", _storeDir },
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            },
            EnableRaisingEvents = true,
        };
        process.ErrorDataReceived += (_, line) => OnLine(line.Data);
        process.OutputDataReceived += (_, line) => OnLine(line.Data);
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"nats-server exited before it was ready:\n{Output()}"));
        process.Start();
        _process = process;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            await ready.Task.WaitAsync(ReadyTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"nats-server did not say it was ready within {ReadyTimeout.TotalSeconds} s:\n{Output()}");
        }

        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }

            if (line.Contains("Server is ready", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        }

        string Output()
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    private static string? Find()
    {
        var path = Environment.GetEnvironmentVariable("PATH")?.Split(Path.PathSeparator) ?? [];
        return path.Concat(Places).Select(dir => Path.Combine(dir, "nats-server")).FirstOrDefault(File.Exists);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
