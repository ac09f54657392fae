using Xunit;
using Xunit.Abstractions;

namespace WebsockexAdapter.Rx.Notebooks.Tests;

public sealed class NotebookTest(ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "notebooks"), "*.ipynb").Order())
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Notebook_RunsEveryCSharpCellInOrderWithinAMinute(string name)
    {
        var notebook = Notebook.Load(Path.Combine(AppContext.BaseDirectory, "notebooks", name));
        Assert.NotEmpty(notebook.CSharpCells);

        await NotebookRunner.RunAsync(notebook, output.WriteLine).WaitAsync(Limit);
    }

    [Fact]
    public void Notebooks_EveryNotebookInTheRepositoryIsRun()
    {
        var repository = new DirectoryInfo(AppContext.BaseDirectory);
        while (repository is not null && !File.Exists(Path.Combine(repository.FullName, "WebsockexAdapter.Rx.sln")))
        {
            repository = repository.Parent;
        }

        Assert.NotNull(repository);
        var inRepository = Directory.GetFiles(Path.Combine(repository.FullName, "notebooks"), "*.ipynb").Select(p => Path.GetFileName(p)).Order();

        Assert.Equal(inRepository, Notebooks().Cast<object[]>().Select(row => (string)row[0]));
    }
}
