namespace WebsockexAdapter.Rx.Notebooks.Tests;

/// <summary>
/// What a Polyglot notebook's C# kernel offers as globals and the runner imitates: <c>display(value)</c> and
/// <c>HTML(markup)</c>. Values are written to the test output so a failing notebook shows what it had printed.
/// </summary>
#pragma warning disable CA1515, CA1822, IDE1006 // Public and lower-case because scripts call it as the notebook kernel spells it.
public sealed class NotebookGlobals(Action<string> write)
{
    /// <summary>Shows a value, as the notebook kernel's display() does.</summary>
    public object? display(object? value)
    {
        write(value?.ToString() ?? "null");
        return value;
    }

    /// <summary>Markup to display as HTML, as the notebook kernel's HTML() makes (an image, a table).</summary>
    public HtmlContent HTML(string markup) => new(markup);
}

#pragma warning restore CA1515, CA1822, IDE1006
