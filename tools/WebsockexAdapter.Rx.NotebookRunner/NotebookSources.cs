using System.Security.Cryptography;
using System.Text;
using Microsoft.DotNet.Interactive.Documents;

namespace WebsockexAdapter.Rx.NotebookRunner;

/// <summary>
/// The fingerprint of what a notebook runs: its code cells' kernels and sources, in order. Recorded in the notebook's
/// metadata when its outputs are written; outputs hold timings and prices that change from run to run, so freshness
/// is judged by the code that produced them, never by the outputs themselves.
/// </summary>
internal static class NotebookSources
{
    /// <summary>The notebook metadata key the fingerprint is stored under.</summary>
    public const string MetadataKey = "websockex_sources_sha256";

    public static string Fingerprint(InteractiveDocument document)
    {
        var text = new StringBuilder();
        foreach (var cell in document.Elements.Where(IsCode))
        {
            // Line endings differ between checkouts (autocrlf); they do not change what a cell runs.
            text.Append(cell.KernelName).Append('\n').Append(cell.Contents.ReplaceLineEndings("\n")).Append("\n\u0000\n");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The fingerprint recorded when the outputs were last written, or null if they never were.</summary>
    public static string? Recorded(InteractiveDocument document) =>
        document.Metadata.TryGetValue(MetadataKey, out var value) ? value?.ToString() : null;

    public static bool IsCode(InteractiveDocumentElement cell) =>
        cell.KernelName is not null && cell.KernelName != "markdown";
}
