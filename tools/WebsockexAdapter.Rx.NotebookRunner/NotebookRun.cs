using Microsoft.DotNet.Interactive.Documents;

namespace WebsockexAdapter.Rx.NotebookRunner;

/// <summary>
/// One notebook after a run: the document with every executed cell's outputs, and what failed. A failed cell stops
/// the run (later cells depend on it), so at most the last executed cell failed.
/// </summary>
/// <param name="Name">The notebook's file name.</param>
/// <param name="Document">The notebook with the outputs of this run.</param>
/// <param name="Failure">Why the run stopped early, or null if every code cell succeeded.</param>
/// <param name="Elapsed">How long the run took, restore included.</param>
internal sealed record NotebookRun(string Name, InteractiveDocument Document, CellFailure? Failure, TimeSpan Elapsed)
{
    public bool Succeeded => Failure is null;

    /// <summary>Every text the notebook's code cells showed (plain text of displays and results, standard output), in order.</summary>
    public IEnumerable<string> ShownText =>
        Document.Elements.SelectMany(cell => cell.Outputs).SelectMany(output => output switch
        {
            TextElement text => [text.Text],
            DisplayElement display when display.Data.TryGetValue("text/plain", out var plain) => [Text(plain)],
            ReturnValueElement value when value.Data.TryGetValue("text/plain", out var plain) => [Text(plain)],
            _ => Array.Empty<string>(),
        });

    /// <summary>The images (PNG, base64) the notebook showed.</summary>
    public IEnumerable<string> Images =>
        Document.Elements.SelectMany(cell => cell.Outputs).OfType<DisplayElement>()
            .Where(display => display.Data.ContainsKey("image/png"))
            .Select(display => Text(display.Data["image/png"]));

    // A notebook read from disk holds each output as a list of lines; one from a run, as one string.
    private static string Text(object? value) => value switch
    {
        string text => text,
        IEnumerable<object> lines => string.Concat(lines),
        _ => value?.ToString() ?? "",
    };
}

/// <summary>A code cell that failed: which one (counting code cells from 1), its source, and the kernel's message.</summary>
internal sealed record CellFailure(int Cell, string Source, string Message)
{
    public override string ToString() =>
        $"code cell {Cell} failed:{Environment.NewLine}{Message}{Environment.NewLine}--- cell source ---{Environment.NewLine}{Source}";
}
