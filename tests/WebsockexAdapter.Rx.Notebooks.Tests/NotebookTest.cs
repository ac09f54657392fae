using WebsockexAdapter.Rx.NotebookRunner;
using Xunit;
using Xunit.Abstractions;

namespace WebsockexAdapter.Rx.Notebooks.Tests;

/// <summary>
/// Every notebook runs on the real Polyglot C# kernel, cell by cell and magic commands as committed, loading the
/// libraries as packages from the feed this build wrote; no cell may fail and each shows what its text promises.
/// (The notebooks also check their own figures and throw when one is wrong, which fails the cell.)
/// </summary>
public sealed class NotebookTest(ITestOutputHelper output)
{
    // A notebook takes 30-60 s on two idle cores (its package restore is a third of that); the limits leave room for a
    // loaded machine and still bound the whole suite.
    private static readonly TimeSpan CellLimit = TimeSpan.FromSeconds(150);
    private static readonly TimeSpan NotebookLimit = TimeSpan.FromMinutes(5);

    /// <summary>What each notebook promises its reader it will show: a piece of a line it displays.</summary>
    private static readonly Dictionary<string, string[]> Promises = new()
    {
        ["01-getting-started.ipynb"] =
        [
            "simulator listening on ws://127.0.0.1:", "bid ", "ticker mid ", "VWAP of the last 20 trades, every 5 trades: ",
            "last second: ", "ALERT: ", " ticker messages in 5 s: mid ",
        ],
        ["02-reconnection-under-faults.ipynb"] =
        [
            "live on epoch 1", "drop ", "stall ", "refusal ", "close 4000 ", "every channel delivered on the last connection (epoch 5)",
        ],
        ["03-testing-on-virtual-time.ipynb"] =
        [
            "connection attempts at: 0 s, 5 s, 6 s, 8 s, 12 s", "retried at once, then 1 s, 2 s, 4 s apart",
            "subscriptions: ", "after the reconnect the average started over",
        ],
        ["04-backtesting-on-a-recording.ipynb"] =
        [
            "recorded ", " connections, ", "backtest: ", "a second run gave the same ", " reset (reconnect", "position ", " rows, ",
        ],
        // Without nats-server the notebook explains and skips, and none of these lines shows: the test fails, never passes silently.
        ["05-strategies-through-a-gateway.ipynb"] =
        [
            "nats-server at nats://127.0.0.1:", "the same strategy on the local adapter and 2 gateway hosts: at change ",
            "late joiner: started with a Snapshot", "host 3: Reset on epoch 1, then Snapshot on epoch 2",
            "after the drop every book equals the local one again", "after the last host left: 0 channels at the exchange",
        ],
    };

    /// <summary>How many charts (PNG images) each notebook draws.</summary>
    private static readonly Dictionary<string, int> Charts = new()
    {
        ["01-getting-started.ipynb"] = 1,
        ["02-reconnection-under-faults.ipynb"] = 1,
        ["03-testing-on-virtual-time.ipynb"] = 0,
        ["04-backtesting-on-a-recording.ipynb"] = 1,
        ["05-strategies-through-a-gateway.ipynb"] = 0,
    };

    public static TheoryData<string> All() => new(Notebooks.Names());

    [Theory]
    [MemberData(nameof(All))]
    public async Task Notebook_RunsOnTheRealKernelWithoutAFailedCell_AndShowsWhatItPromises(string name)
    {
        var run = await NotebookExecution.RunAsync(Notebooks.PathOf(name), CellLimit, line => output.WriteLine(line)).WaitAsync(NotebookLimit);

        foreach (var text in run.ShownText)
        {
            output.WriteLine(text.Length > 200 ? text[..200] + "..." : text);
        }

        Assert.True(run.Succeeded, $"{name}: {run.Failure}");
        var shown = run.ShownText.SelectMany(t => t.Split('\n')).ToList();
        foreach (var promise in Promises[name])
        {
            Assert.True(shown.Any(line => line.Contains(promise, StringComparison.Ordinal)), $"{name} did not show a line with \"{promise}\"");
        }

        Assert.Equal(Charts[name], run.Images.Count(png => Convert.FromBase64String(png).Length > 10_000));
    }

    [Fact]
    public void Notebooks_EachNotebookInTheRepositoryHasItsPromisesChecked() =>
        Assert.Equal(Notebooks.Names(), Promises.Keys.Order(StringComparer.Ordinal));
}
