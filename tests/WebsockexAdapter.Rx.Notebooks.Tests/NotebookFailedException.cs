namespace WebsockexAdapter.Rx.Notebooks.Tests;

/// <summary>A notebook cell failed to compile or threw; the message names the notebook, the cell and its source.</summary>
#pragma warning disable CA1032 // Only the runner creates it, always with these details.
internal sealed class NotebookFailedException(string notebook, int cell, string source, string details, Exception inner)
    : Exception($"{notebook}, C# cell {cell} failed:{Environment.NewLine}{details}{Environment.NewLine}--- cell source ---{Environment.NewLine}{source}", inner);
#pragma warning restore CA1032
