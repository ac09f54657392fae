using Microsoft.DotNet.Interactive.Documents;
using WebsockexAdapter.Rx.NotebookRunner;
using Xunit;

namespace WebsockexAdapter.Rx.Notebooks.Tests;

/// <summary>
/// The committed notebooks carry the outputs of their current code, so a reader on GitHub sees real results. Stale
/// means a code cell changed (or was added, removed or moved) since the outputs were written: the fingerprint of the
/// code cells recorded with the outputs no longer matches. Outputs themselves hold prices and timings that change from
/// run to run, so they are never compared.
/// </summary>
public sealed class NotebookFreshnessTest
{
    public static TheoryData<string> All() => new(Notebooks.Names());

    [Theory]
    [MemberData(nameof(All))]
    public void Notebook_CommittedOutputsComeFromItsCurrentCode(string name)
    {
        var document = NotebookExecution.Read(Notebooks.PathOf(name));

        Assert.True(
            NotebookSources.Recorded(document) == NotebookSources.Fingerprint(document),
            $"{name}: its outputs are missing or come from older code. Run {Notebooks.RunCommand(name)} and commit the result.");
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Notebook_CommittedOutputsShowEveryCodeCellRunAndNoError(string name)
    {
        var document = NotebookExecution.Read(Notebooks.PathOf(name));
        var code = document.Elements.Where(NotebookSources.IsCode).ToList();

        Assert.All(code, cell => Assert.True(cell.ExecutionOrder > 0, $"{name}: a code cell was never run. Run {Notebooks.RunCommand(name)}."));
        Assert.DoesNotContain(code.SelectMany(cell => cell.Outputs), output => output is ErrorElement);
    }
}
