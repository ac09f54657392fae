using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WebsockexAdapter.Rx.Gateway;

/// <summary>
/// A <c>nats-server</c> child process on loopback, with JetStream and its store in a temp dir: for demos, notebooks,
/// benchmarks and tests, so a gateway runs on one machine with one command. Production runs its own NATS cluster.
/// </summary>
/// <example>
/// <code>
/// if (LocalNatsServer.FindBinary() is null) { Console.WriteLine(LocalNatsServer.InstallHint); return; }
/// await using var nats = await LocalNatsServer.StartAsync();
/// await using var market = new GatewayMarketData(new GatewayConsumerOptions { NatsUrl = nats.Url });
/// </code>
/// </example>
public sealed class LocalNatsServer : IAsyncDisposable
{
    /// <summary>What to do when the binary is missing.</summary>
    public const string InstallHint =
        "nats-server was not found on PATH or in /usr/sbin: install it (Debian/Ubuntu: sudo apt-get install -y nats-server; " +
        "macOS: brew install nats-server; others: https://docs.nats.io/running-a-nats-service/introduction/installation).";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(15);
    private static readonly string[] Places = ["/usr/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/sbin", "/opt/homebrew/bin"];
    private readonly string _binary;
    private readonly string _storeDir;
    private readonly TimeProvider _timeProvider;
    private Process? _process;

    private LocalNatsServer(string binary, int port, string storeDir, TimeProvider timeProvider)
    {
        _binary = binary;
        Port = port;
        _storeDir = storeDir;
        _timeProvider = timeProvider;
    }

    /// <summary>The loopback port it listens on (a free one, chosen at start).</summary>
    public int Port { get; }

    /// <summary><c>nats://127.0.0.1:{Port}</c>.</summary>
    public string Url => string.Create(CultureInfo.InvariantCulture, $"nats://127.0.0.1:{Port}");

    /// <summary>The <c>nats-server</c> binary on PATH (or in the usual system folders); <see langword="null"/> when there is none.</summary>
    public static string? FindBinary()
    {
        var path = Environment.GetEnvironmentVariable("PATH")?.Split(Path.PathSeparator) ?? [];
        return path.Concat(Places)
            .Where(static dir => dir.Length > 0)
            .Select(static dir => Path.Combine(dir, OperatingSystem.IsWindows() ? "nats-server.exe" : "nats-server"))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Starts <c>nats-server -a 127.0.0.1 -p {free port} -js -sd {temp dir}</c> and waits until it says it is ready.</summary>
    /// <param name="timeProvider">The clock for the 15 s start-up limit. The default value is the system clock.</param>
    /// <param name="cancellationToken">Stops waiting (the process is killed).</param>
    /// <exception cref="FileNotFoundException">There is no <c>nats-server</c> binary (<see cref="InstallHint"/> says how to install it).</exception>
    /// <exception cref="TimeoutException">It did not say it was ready within 15 s (its output is in the message).</exception>
    /// <exception cref="InvalidOperationException">It exited before it was ready (its output is in the message).</exception>
    public static async Task<LocalNatsServer> StartAsync(TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var binary = FindBinary() ?? throw new FileNotFoundException(InstallHint, "nats-server");
        var storeDir = Directory.CreateTempSubdirectory("wxa-nats-").FullName;
        var server = new LocalNatsServer(binary, FreePort(), storeDir, timeProvider ?? TimeProvider.System);
        try
        {
            await server.StartProcessAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return server;
    }

    /// <summary>Kills the server (no goodbye to clients, as a crash) and waits for it to be gone.</summary>
    public async Task KillAsync()
    {
        if (Interlocked.Exchange(ref _process, null) is { } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(ReadyTimeout, _timeProvider).ConfigureAwait(false);
            process.Dispose();
        }
    }

    /// <summary>Starts it again after <see cref="KillAsync"/>, on the same port with the same store.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    public Task RestartAsync(CancellationToken cancellationToken = default) => StartProcessAsync(cancellationToken);

    /// <summary>Kills the server and deletes its store.</summary>
    public async ValueTask DisposeAsync()
    {
        await KillAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(_storeDir, recursive: true);
        }
        catch (IOException)
        {
            // The OS still holds a file of the killed server; the temp dir is left for the OS to clean.
        }
    }

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new StringBuilder();
        var process = new Process
        {
            StartInfo = new ProcessStartInfo(_binary)
            {
                ArgumentList = { "-a", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-js", "-sd", _storeDir },
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
            await ready.Task.WaitAsync(ReadyTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
