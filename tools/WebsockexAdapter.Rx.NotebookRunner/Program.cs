using WebsockexAdapter.Rx.NotebookRunner;

// dotnet run --project tools/WebsockexAdapter.Rx.NotebookRunner -- notebooks/*.ipynb
// Runs each notebook on the real C# kernel and writes it back with its outputs (like jupyter nbconvert --execute
// --inplace). A notebook that fails is left as it was; the exit code is 1 if any failed.
if (args.Length == 0 || args.Contains("--help"))
{
    Console.WriteLine("usage: dotnet run --project tools/WebsockexAdapter.Rx.NotebookRunner -- NOTEBOOK.ipynb...");
    Console.WriteLine("Runs each notebook on the Polyglot C# kernel and writes it back with its outputs.");
    return args.Length == 0 ? 2 : 0;
}

var failed = 0;
foreach (var path in args)
{
    Console.WriteLine($"{path}: running");
    var run = await NotebookExecution.RunAsync(path, NotebookExecution.DefaultCellTimeout, line => Console.WriteLine($"  {line}"));
    if (run.Succeeded)
    {
        await NotebookExecution.WriteAsync(run, path);
        Console.WriteLine($"{path}: written with its outputs ({run.Elapsed.TotalSeconds:0} s)");
    }
    else
    {
        failed++;
        Console.Error.WriteLine($"{path}: {run.Failure}");
    }
}

return failed == 0 ? 0 : 1;
