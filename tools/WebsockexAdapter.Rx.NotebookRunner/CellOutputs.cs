using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;

namespace WebsockexAdapter.Rx.NotebookRunner;

/// <summary>Turns the events of one cell's submission into Jupyter outputs, as Polyglot Notebooks shows them.</summary>
internal static class CellOutputs
{
    /// <summary>
    /// Adds the cell's outputs; returns the kernel's failure message, or null if the cell succeeded. Every occurrence
    /// of <paramref name="parentFolder"/> (the notebook folder's parent, the repository) becomes "..": outputs that
    /// name the local feed then read the same on every machine, and a committed notebook holds no one's home folder.
    /// </summary>
    public static string? Collect(KernelCommandResult result, InteractiveDocumentElement cell, int executionOrder, string parentFolder)
    {
        // A display can be updated later (the package restore's progress): the update replaces it in place.
        var displays = new Dictionary<string, DisplayElement>();
        string? failure = null;
        foreach (var @event in result.Events)
        {
            switch (@event)
            {
                case DisplayedValueUpdated updated when updated.ValueId is not null && displays.TryGetValue(updated.ValueId, out var shown):
                    var index = cell.Outputs.IndexOf(shown);
                    displays[updated.ValueId] = new DisplayElement(Data(updated, parentFolder));
                    cell.Outputs[index] = displays[updated.ValueId];
                    break;
                case ReturnValueProduced returned:
                    var value = new ReturnValueElement { ExecutionOrder = executionOrder };
                    foreach (var (mimeType, text) in Data(returned, parentFolder))
                    {
                        value.Data[mimeType] = text;
                    }

                    cell.Outputs.Add(value);
                    break;
                case StandardOutputValueProduced stdout:
                    cell.Outputs.Add(new TextElement(PlainText(stdout).Replace(parentFolder, "..", StringComparison.Ordinal), "stdout"));
                    break;
                case StandardErrorValueProduced stderr:
                    cell.Outputs.Add(new TextElement(PlainText(stderr).Replace(parentFolder, "..", StringComparison.Ordinal), "stderr"));
                    break;
                case ErrorProduced error:
                    cell.Outputs.Add(new ErrorElement(error.Message.Replace(parentFolder, "..", StringComparison.Ordinal)));
                    break;
                case DisplayedValueProduced display:
                    var element = new DisplayElement(Data(display, parentFolder));
                    if (display.ValueId is not null)
                    {
                        displays[display.ValueId] = element;
                    }

                    cell.Outputs.Add(element);
                    break;
                case CommandFailed failed:
                    failure = failed.Message;
                    cell.Outputs.Add(new ErrorElement(failed.Message, failed.Exception?.GetType().Name ?? "Error"));
                    break;
            }
        }

        return failure;
    }

    private static Dictionary<string, object> Data(DisplayEvent display, string parentFolder) =>
        display.FormattedValues.ToDictionary(v => v.MimeType, v => (object)v.Value.Replace(parentFolder, "..", StringComparison.Ordinal));

    private static string PlainText(DisplayEvent display) =>
        display.FormattedValues.FirstOrDefault(v => v.MimeType == "text/plain")?.Value ?? display.Value?.ToString() ?? "";
}
