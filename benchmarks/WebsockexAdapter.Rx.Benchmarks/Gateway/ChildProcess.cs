using System.Diagnostics;
using System.Threading.Channels;

namespace WebsockexAdapter.Rx.Benchmarks.Gateway;

/// <summary>This benchmark's own assembly started again in a role (gateway host, consumer), its stdout read line by line.</summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _errors = [];

    /// <summary>The environment's name for <c>System.Threading.ThreadPool.UnfairSemaphoreSpinLimit</c>.</summary>
    public const string SpinLimitVariable = "DOTNET_ThreadPool_UnfairSemaphoreSpinLimit";

    private ChildProcess(Process process) => _process = process;

    public static ChildProcess Start(params string[] args)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Fully optimised code from the first message, in every role alike: a blast lasts seconds and starts right
        // after start-up, so with tiered compilation it would time tier-0 code and the JIT's own work, not what a
        // gateway or strategy that has run for a while does. A value set by the caller wins.
        if (Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") is null)
        {
            start.Environment["DOTNET_TieredCompilation"] = "0";
        }

        // The gateway runs as its runnable ships (its project file): thread-pool workers that do not spin.
        if (args[0] == GatewayHostRole.Name && Environment.GetEnvironmentVariable(SpinLimitVariable) is null)
        {
            start.Environment[SpinLimitVariable] = "0";
        }

        start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var child = new ChildProcess(new Process { StartInfo = start, EnableRaisingEvents = true });
        child._process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null)
            {
                child._lines.Writer.TryComplete();
            }
            else
            {
                child._lines.Writer.TryWrite(line.Data);
            }
        };
        child._process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                lock (child._errors)
                {
                    child._errors.Add(line.Data);
                }
            }
        };
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>The process id, to attach a profiler.</summary>
    public int Id => _process.Id;

    /// <summary>CPU time of the process so far (read from /proc on Linux).</summary>
    public TimeSpan Cpu
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>The next stdout line that <paramref name="match"/> accepts, skipping the others through <paramref name="skipped"/>.</summary>
    public async Task<string> ReadLineAsync(Func<string, bool> match, TimeSpan timeout, Action<string>? skipped = null)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var line = await _lines.Reader.ReadAsync(limit.Token).ConfigureAwait(false);
                if (match(line))
                {
                    return line;
                }

                skipped?.Invoke(line);
            }
        }
        catch (Exception error) when (error is OperationCanceledException or ChannelClosedException)
        {
            throw new InvalidOperationException($"A benchmark process ({_process.StartInfo.ArgumentList[1]}) gave no expected line: {(error is ChannelClosedException ? "it exited" : $"none within {timeout.TotalSeconds} s")}.\n{Errors()}", error);
        }
    }

    /// <summary>Every line available now, without waiting.</summary>
    public IEnumerable<string> DrainLines()
    {
        while (_lines.Reader.TryRead(out var line))
        {
            yield return line;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (Exception error) when (error is OperationCanceledException or InvalidOperationException or IOException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private string Errors()
    {
        lock (_errors)
        {
            return string.Join('\n', _errors.TakeLast(30));
        }
    }
}
