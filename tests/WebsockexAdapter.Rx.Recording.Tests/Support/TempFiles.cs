namespace WebsockexAdapter.Rx.Recording.Tests.Support;

/// <summary>A folder of its own per test, deleted afterwards.</summary>
public sealed class TempFiles : IDisposable
{
    public TempFiles() => Directory.CreateDirectory(Folder);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "wxrec-tests", Guid.NewGuid().ToString("N"));

    public string File(string name = "session.wxrec") => Path.Combine(Folder, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file for a moment; the OS cleans the temp folder.
        }
    }
}
