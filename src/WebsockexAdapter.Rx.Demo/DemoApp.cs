using WebsockexAdapter.Rx.Demo.Backtest;
using WebsockexAdapter.Rx.Demo.Cli;
using WebsockexAdapter.Rx.Demo.Run;
using WebsockexAdapter.Rx.Demo.View;

namespace WebsockexAdapter.Rx.Demo;

/// <summary>The entry point without the process: parse, run, render, and turn the result into an exit code.</summary>
internal static class DemoApp
{
    public static async Task<DemoOutcome> RunAsync(IReadOnlyList<string> args, DemoConsole console, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(console);
        try
        {
            var settings = ArgumentParser.Parse(args, console.Environment);
            if (settings.ShowHelp)
            {
                await console.Out.WriteLineAsync(ArgumentParser.Usage);
                return new DemoOutcome(0, null);
            }

            if (settings.Gateway)
            {
                return new DemoOutcome(await Gateway.GatewayDemo.RunAsync(settings, console, stop), null);
            }

            if (settings.Backtest)
            {
                return new DemoOutcome(await BacktestRunner.RunAsync(settings, console, stop), null);
            }

            using var runner = new DemoRunner(settings);
            var summary = console.Interactive
                ? await LiveView.RunAsync(runner, console.Out, stop)
                : await PlainView.RunAsync(runner, console.Out, stop);
            if (settings.Report is { } report)
            {
                await Report.ReportWriter.WriteAsync(summary, report, CancellationToken.None);
                await console.Out.WriteLineAsync($"report: {Path.GetFullPath(report)}");
            }

            if (settings.RecordTo is { } file)
            {
                await console.Out.WriteLineAsync($"Recorded to {file}; backtest it with: dotnet run --project src/WebsockexAdapter.Rx.Demo -- --backtest {file}");
            }

            return new DemoOutcome(summary.Succeeded ? 0 : 1, summary);
        }
        catch (DemoException failure)
        {
            await console.Error.WriteLineAsync($"error: {failure.Message}");
            if (failure.Error == DemoError.Usage)
            {
                await console.Error.WriteLineAsync("Run with --help for the options.");
            }

            return new DemoOutcome(failure.ExitCode, null);
        }
    }
}
