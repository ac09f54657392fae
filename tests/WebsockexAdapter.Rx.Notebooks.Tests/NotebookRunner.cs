using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace WebsockexAdapter.Rx.Notebooks.Tests;

/// <summary>
/// Runs a notebook's C# cells in order as one Roslyn script session, the way the notebook kernel does: each cell sees
/// the variables of the cells before it. <c>#r "nuget: Name"</c> resolves to the assemblies built in this repository;
/// <c>#i</c> (package sources) and <c>#!</c> (kernel magics) lines are the kernel's business and are skipped.
/// </summary>
internal static partial class NotebookRunner
{
    /// <summary>The packages a notebook may ask for, mapped to the local build's assemblies.</summary>
    private static readonly Dictionary<string, Assembly[]> Packages = new(StringComparer.OrdinalIgnoreCase)
    {
        ["WebsockexAdapter.Rx"] = [typeof(WebSocketClient).Assembly, typeof(System.Reactive.Linq.Observable).Assembly],
        ["WebsockexAdapter.Rx.Testing"] = [typeof(Testing.TestScheduler).Assembly],
        ["System.Reactive"] = [typeof(System.Reactive.Linq.Observable).Assembly],
        ["WebsockexAdapter.Rx.Deribit"] =
        [
            typeof(Deribit.DeribitAdapter).Assembly, typeof(WebSocketClient).Assembly, typeof(System.Reactive.Linq.Observable).Assembly,
            typeof(Microsoft.Extensions.Logging.ILoggerFactory).Assembly,
        ],
        ["WebsockexAdapter.Rx.Simulator"] = [typeof(Simulator.DeribitSimulator).Assembly, typeof(Microsoft.Extensions.Logging.ILoggerFactory).Assembly],
        ["WebsockexAdapter.Rx.Recording"] =
        [
            typeof(Recording.SessionRecorder).Assembly, typeof(Deribit.DeribitAdapter).Assembly, typeof(WebSocketClient).Assembly,
            typeof(System.Reactive.Linq.Observable).Assembly,
        ],
        ["WebsockexAdapter.Rx.Recording.Parquet"] = [typeof(Recording.Parquet.RecordingParquetExport).Assembly, typeof(Parquet.ParquetReader).Assembly],
        ["ScottPlot"] = [typeof(ScottPlot.Plot).Assembly, typeof(SkiaSharp.SKImage).Assembly],
    };

    public static async Task RunAsync(Notebook notebook, Action<string> write)
    {
        var options = ScriptOptions.Default
            .WithReferences(typeof(object).Assembly, typeof(Enumerable).Assembly, typeof(NotebookGlobals).Assembly)
            .WithImports("System", "System.Linq", "System.Collections.Generic", "System.Threading.Tasks")
            .WithAllowUnsafe(false);
        var globals = new NotebookGlobals(write);
        ScriptState<object>? state = null;
        var number = 0;
        foreach (var cell in notebook.CSharpCells)
        {
            number++;
            var (code, references) = Preprocess(cell.Source);
            options = options.AddReferences(references);
            try
            {
                state = state is null
                    ? await CSharpScript.RunAsync(code, options, globals, typeof(NotebookGlobals))
                    : await state.ContinueWithAsync(code, options);
            }
            catch (CompilationErrorException error)
            {
                throw new NotebookFailedException(notebook.Name, number, cell.Source, string.Join(Environment.NewLine, error.Diagnostics), error);
            }
            catch (Exception error)
            {
                throw new NotebookFailedException(notebook.Name, number, cell.Source, error.ToString(), error);
            }

            if (state.Exception is { } thrown)
            {
                throw new NotebookFailedException(notebook.Name, number, cell.Source, thrown.ToString(), thrown);
            }

            if (state.ReturnValue is { } shown)
            {
                write(shown.ToString() ?? "");
            }
        }
    }

    private static (string Code, IEnumerable<Assembly> References) Preprocess(string source)
    {
        var references = new List<Assembly>();
        var kept = new List<string>();
        foreach (var line in source.Split('\n'))
        {
            var trimmed = line.Trim();
            if (NugetReference().Match(trimmed) is { Success: true } match)
            {
                var name = match.Groups["name"].Value.Split(',')[0].Trim();
                if (!Packages.TryGetValue(name, out var assemblies))
                {
                    throw new InvalidOperationException($"The notebook asks for package '{name}', which the notebook tests do not provide.");
                }

                references.AddRange(assemblies);
                kept.Add("");
            }
            else if (trimmed.StartsWith("#i ", StringComparison.Ordinal) || trimmed.StartsWith("#!", StringComparison.Ordinal))
            {
                kept.Add("");
            }
            else
            {
                kept.Add(line);
            }
        }

        return (string.Join('\n', kept), references);
    }

    [GeneratedRegex("""^#r\s+"nuget:\s*(?<name>[^"]+)"$""")]
    private static partial Regex NugetReference();
}
