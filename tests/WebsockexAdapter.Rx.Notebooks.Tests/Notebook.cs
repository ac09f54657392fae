using System.Text.Json;

namespace WebsockexAdapter.Rx.Notebooks.Tests;

/// <summary>A Polyglot notebook's cells, read from its .ipynb JSON.</summary>
internal sealed record Notebook(string Name, IReadOnlyList<NotebookCell> Cells)
{
    public static Notebook Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var cells = new List<NotebookCell>();
        foreach (var cell in document.RootElement.GetProperty("cells").EnumerateArray())
        {
            var kind = cell.GetProperty("cell_type").GetString()!;
            var source = cell.GetProperty("source") is { ValueKind: JsonValueKind.Array } lines
                ? string.Concat(lines.EnumerateArray().Select(l => l.GetString()))
                : cell.GetProperty("source").GetString() ?? "";
            cells.Add(new NotebookCell(kind, LanguageOf(cell), source));
        }

        return new Notebook(Path.GetFileName(path), cells);
    }

    public IEnumerable<NotebookCell> CSharpCells => Cells.Where(c => c.Kind == "code" && c.Language == "csharp");

    private static string LanguageOf(JsonElement cell) =>
        cell.TryGetProperty("metadata", out var metadata)
        && metadata.TryGetProperty("polyglot_notebook", out var polyglot)
        && polyglot.TryGetProperty("kernelName", out var kernel)
            ? kernel.GetString() ?? "csharp"
            : "csharp";
}

/// <summary>One cell: its kind (code or markdown), its kernel language, and its source.</summary>
internal sealed record NotebookCell(string Kind, string Language, string Source);
