using WebsockexAdapter.Rx.Benchmarks;

return await SuiteRunner.RunAsync(args, Console.Out).ConfigureAwait(false);
