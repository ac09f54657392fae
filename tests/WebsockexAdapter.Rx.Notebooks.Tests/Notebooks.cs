namespace WebsockexAdapter.Rx.Notebooks.Tests;

/// <summary>Where the repository's notebooks are: the tests run them where they are committed, as a reader opens them.</summary>
internal static class Notebooks
{
    public static string Folder { get; } = FindFolder();

    public static string PathOf(string name) => Path.Combine(Folder, name);

    public static IEnumerable<string> Names() =>
        Directory.GetFiles(Folder, "*.ipynb").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal);

    public static string RunCommand(string name) =>
        $"dotnet run --project tools/WebsockexAdapter.Rx.NotebookRunner -c Release -- notebooks/{name}";

    private static string FindFolder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "WebsockexAdapter.Rx.sln")))
        {
            directory = directory.Parent;
        }

        return directory is null
            ? throw new InvalidOperationException($"No WebsockexAdapter.Rx.sln above {AppContext.BaseDirectory}.")
            : Path.Combine(directory.FullName, "notebooks");
    }
}
