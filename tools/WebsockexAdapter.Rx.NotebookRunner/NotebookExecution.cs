using System.Diagnostics;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace WebsockexAdapter.Rx.NotebookRunner;

/// <summary>
/// Runs a notebook the way Polyglot Notebooks does: one fresh kernel, each code cell submitted in order exactly as
/// written (magic commands included), with the notebook's folder as the working directory (VS Code starts the kernel
/// there). The outputs are collected as Jupyter outputs, so the document can be written back as an executed notebook.
/// </summary>
internal static class NotebookExecution
{
    /// <summary>How long one cell may run; the first cell restores packages, which takes longest.</summary>
    public static readonly TimeSpan DefaultCellTimeout = TimeSpan.FromSeconds(120);

    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public static async Task<NotebookRun> RunAsync(string path, TimeSpan cellTimeout, Action<string>? log = null)
    {
        var fullPath = Path.GetFullPath(path);
        InteractiveDocument document;
        await using (var file = File.OpenRead(fullPath))
        {
            document = Notebook.Read(file, KernelInfos());
        }

        // The working directory is the process's: two notebooks at once would each see the other's.
        await OneAtATime.WaitAsync();
        var previousDirectory = Environment.CurrentDirectory;
        var clock = Stopwatch.StartNew();
        try
        {
            Environment.CurrentDirectory = Path.GetDirectoryName(fullPath)!;
            // Not disposed: disposing the kernel unhooks the native-library resolver of the packages it loaded, and
            // their finalizers (SkiaSharp's, under ScottPlot) still call into native code later in this process.
            var kernel = NotebookKernel.Create();
            var parentFolder = Path.GetDirectoryName(Path.GetDirectoryName(fullPath))!;
            var failure = await RunCellsAsync(kernel, document, cellTimeout, parentFolder, log);
            document.Metadata[NotebookSources.MetadataKey] = NotebookSources.Fingerprint(document);
            return new NotebookRun(Path.GetFileName(fullPath), document, failure, clock.Elapsed);
        }
        finally
        {
            Environment.CurrentDirectory = previousDirectory;
            OneAtATime.Release();
        }
    }

    /// <summary>Writes the notebook with this run's outputs, as Polyglot Notebooks saves it.</summary>
    public static async Task WriteAsync(NotebookRun run, string path)
    {
        await using var file = File.Create(path);
        Notebook.Write(run.Document, file, KernelInfos());
    }

    public static InteractiveDocument Read(string path)
    {
        using var file = File.OpenRead(path);
        return Notebook.Read(file, KernelInfos());
    }

    private static KernelInfoCollection KernelInfos() =>
        new() { new Microsoft.DotNet.Interactive.Documents.KernelInfo("csharp", "C#") };

    private static async Task<CellFailure?> RunCellsAsync(
        Kernel kernel, InteractiveDocument document, TimeSpan cellTimeout, string parentFolder, Action<string>? log)
    {
        var number = 0;
        foreach (var cell in document.Elements.Where(NotebookSources.IsCode))
        {
            number++;
            cell.Outputs.Clear();
            cell.ExecutionOrder = number;
            log?.Invoke($"cell {number}");
            KernelCommandResult result;
            try
            {
                result = await kernel.SendAsync(new SubmitCode(cell.Contents, cell.KernelName)).WaitAsync(cellTimeout);
            }
            catch (TimeoutException)
            {
                var message = $"did not finish within {cellTimeout.TotalSeconds:0} s";
                cell.Outputs.Add(new ErrorElement(message, "Timeout"));
                return new CellFailure(number, cell.Contents, message);
            }

            var failed = CellOutputs.Collect(result, cell, number, parentFolder);
            if (failed is not null)
            {
                return new CellFailure(number, cell.Contents, failed);
            }
        }

        return null;
    }
}
