using System.Reflection;

namespace WebsockexAdapter.Rx.PublicApi.Tests;

/// <summary>
/// One approved text file per assembly: <c>Approved/NAME.approved.txt</c>. On a mismatch the generated API is written
/// to <c>NAME.received.txt</c> beside it (git-ignored) and the message shows the difference; with
/// <see cref="AcceptVariable"/> set to 1 the approved file is overwritten instead and the check passes.
/// </summary>
internal static class ApprovedFile
{
    /// <summary>The environment variable that accepts the generated API as the new approved one.</summary>
    public const string AcceptVariable = "ACCEPT_PUBLIC_API";

    private static readonly string Directory = typeof(ApprovedFile).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ApprovedDirectory").Value!;

    /// <summary>The repository's root directory (Approved/ is two levels below it, in tests/PROJECT/).</summary>
    public static string RepositoryRoot => Path.GetFullPath(Path.Combine(Directory, "..", "..", ".."));

    /// <summary>Null when <paramref name="api"/> equals the approved file; otherwise a message with the diff and how to accept.</summary>
    public static string? Check(string name, string api)
    {
        var approvedPath = Path.Combine(Directory, $"{name}.approved.txt");
        var receivedPath = Path.Combine(Directory, $"{name}.received.txt");
        var received = Normalize(api);
        var approved = File.Exists(approvedPath) ? Normalize(File.ReadAllText(approvedPath)) : "";

        if (received == approved)
        {
            File.Delete(receivedPath);
            return null;
        }

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            File.WriteAllText(approvedPath, received);
            File.Delete(receivedPath);
            return null;
        }

        File.WriteAllText(receivedPath, received);
        return $"""
            The public API of {name} changed (- approved, + now):
            {LineDiff.Describe(approved, received)}
            The generated API is in {receivedPath}.
            If the change is intended, accept it and commit the approved file with the change:
              {AcceptVariable}=1 dotnet test tests/WebsockexAdapter.Rx.PublicApi.Tests -c Release
            """;
    }

    private static string Normalize(string text) => text.ReplaceLineEndings("\n").TrimEnd('\n') + "\n";
}
