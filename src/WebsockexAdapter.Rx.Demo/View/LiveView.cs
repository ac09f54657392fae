using System.Globalization;
using Spectre.Console;
using WebsockexAdapter.Rx.Deribit;
using WebsockexAdapter.Rx.Demo.Run;

namespace WebsockexAdapter.Rx.Demo.View;

/// <summary>The terminal view: state and reason, reconnects, rates per channel, top of book, the resting order, the recovery log.</summary>
internal static class LiveView
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(250);

    public static async Task<DemoSummary> RunAsync(DemoRunner runner, TextWriter output, CancellationToken stop)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        var run = runner.RunAsync(stop);
        await console.Live(Render(runner.Snapshot()))
            .AutoClear(false)
            .Overflow(VerticalOverflow.Ellipsis)
            .StartAsync(async context =>
            {
                while (await Task.WhenAny(run, Task.Delay(Refresh, CancellationToken.None)) != run)
                {
                    context.UpdateTarget(Render(runner.Snapshot()));
                }

                context.UpdateTarget(Render(runner.Snapshot()));
            });

        var summary = await run;
        var lines = SummaryText.Lines(summary).ToList();
        foreach (var line in lines.SkipLast(1))
        {
            console.WriteLine(line);
        }

        console.MarkupLine($"[{(summary.Succeeded ? "green" : "red")} bold]{Markup.Escape(lines[^1])}[/]");
        return summary;
    }

    private static Rows Render(DemoSnapshot s)
    {
        var title = $"WebsockexAdapter.Rx demo: {s.Target}  {Seconds(s.Elapsed)} / {Seconds(s.Duration)}"
            + (s.FaultInterval is { } every ? $", a fault every {Seconds(every)}" : ", no faults")
            + "  (Ctrl+C stops)";
        return new Rows(
            new Panel(Connection(s)).Header(Markup.Escape(title)).Expand(),
            new Columns(new Panel(Channels(s)).Header("messages"), new Panel(Book(s)).Header("top of book"), new Panel(Order(s)).Header("resting order")),
            new Panel(Log(s)).Header("recovery log").Expand());
    }

    private static Grid Connection(DemoSnapshot s)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        grid.AddRow(new Markup("state"), new Markup($"[{Colour(s.State.Status)} bold]{s.State.Status}[/] {Markup.Escape(s.State.Reason)}"));
        grid.AddRow("epoch", s.State.Epoch.ToString(CultureInfo.InvariantCulture));
        grid.AddRow("reconnects", s.Reconnects.ToString(CultureInfo.InvariantCulture));
        grid.AddRow("last recovery", s.LastRecovery is { } r
            ? $"{r.Kind} at {Seconds(r.InjectedAt)}: live again in {Seconds(r.RecoveryTime!.Value)} (epoch {r.EpochAfter})"
            : "none yet");
        return grid;
    }

    private static Table Channels(DemoSnapshot s)
    {
        var table = new Table().Border(TableBorder.None).AddColumn("channel").AddColumn("msgs/s", c => c.RightAligned())
            .AddColumn("total", c => c.RightAligned()).AddColumn("epoch", c => c.RightAligned());
        foreach (var c in s.Channels)
        {
            var current = c.LastEpoch == s.State.Epoch ? "green" : "yellow";
            table.AddRow(
                new Text(ChannelView.ShortName(c.Channel)),
                new Text(c.PerSecond.ToString(CultureInfo.InvariantCulture)),
                new Text(c.Messages.ToString(CultureInfo.InvariantCulture)),
                new Markup($"[{current}]{c.LastEpoch}[/]"));
        }

        return table;
    }

    private static Grid Book(DemoSnapshot s)
    {
        var grid = new Grid().AddColumn().AddColumn(new GridColumn().RightAligned());
        if (s.Top is not { } top)
        {
            return grid.AddRow("waiting for a snapshot", "");
        }

        grid.AddRow("ask", $"{Price(top.BestAsk)} x {Price(top.BestAskAmount)}");
        grid.AddRow("bid", $"{Price(top.BestBid)} x {Price(top.BestBidAmount)}");
        grid.AddRow("mid", Price(top.Mid));
        grid.AddRow("spread", Price(top.Spread));
        return grid;
    }

    private static Markup Order(DemoSnapshot s) => s.Order is { } o
        ? new Markup($"{Markup.Escape(o.OrderId)}\nbuy @ {Price(o.Price)}\non epoch {o.Epoch}\n[grey]cancel-on-disconnect[/]")
        : new Markup("[grey]none on this connection yet[/]");

    private static Rows Log(DemoSnapshot s) => s.Log.Count == 0
        ? new Rows(new Markup("[grey]nothing yet[/]"))
        : new Rows(s.Log.Select(e => new Markup($"[grey]{Seconds(e.At),8}[/] [{Colour(e.Kind)}]{Markup.Escape(e.Text)}[/]")));

    private static string Colour(AdapterStatus status) => status switch
    {
        AdapterStatus.Live => "green",
        AdapterStatus.Connecting or AdapterStatus.Restoring => "yellow",
        AdapterStatus.Reconnecting or AdapterStatus.Faulted => "red",
        _ => "grey",
    };

    private static string Colour(DemoEventKind kind) => kind switch
    {
        DemoEventKind.Fault => "red",
        DemoEventKind.Recovery => "green",
        DemoEventKind.Order => "blue",
        DemoEventKind.Problem => "red bold",
        _ => "default",
    };

    private static string Price(decimal value) => value.ToString("#,0.0#", CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan time) => SummaryText.Seconds(time);
}
