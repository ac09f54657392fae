using WebsockexAdapter.Rx.Demo;

// Ctrl+C ends the run early; the summary of what was seen is still printed.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

var outcome = await DemoApp.RunAsync(args, DemoConsole.System(), stop.Token);
return outcome.ExitCode;
