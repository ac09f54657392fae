namespace WebsockexAdapter.Rx.Benchmarks.Soak;

/// <summary>The process's footprint at one moment, after a full, compacting garbage collection.</summary>
/// <param name="HeapBytes">Managed heap in use.</param>
/// <param name="OpenFiles">Entries in /proc/self/fd: sockets on both the client and the server side, and the rest.</param>
/// <param name="WorkingSetBytes">Resident memory, managed and native.</param>
/// <param name="OpenSockets">The file descriptors among <paramref name="OpenFiles"/> that are sockets.</param>
/// <param name="FileKinds">How many descriptors of each kind (socket, pipe, anon_inode, a path), to say what grew.</param>
internal sealed record MemoryProbe(long HeapBytes, int OpenFiles, long WorkingSetBytes, int OpenSockets, IReadOnlyDictionary<string, int> FileKinds)
{
    public static MemoryProbe Take()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var files = Directory.Exists("/proc/self/fd") ? Directory.GetFileSystemEntries("/proc/self/fd") : [];
        var kinds = files.Select(KindOf).GroupBy(kind => kind, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new MemoryProbe(GC.GetTotalMemory(forceFullCollection: false), files.Length, Environment.WorkingSet, kinds.GetValueOrDefault("socket"), kinds);
    }

    /// <summary>What the descriptor is: "socket", "pipe", "anon_inode:[eventfd]", or the file's name.</summary>
    private static string KindOf(string descriptor)
    {
        try
        {
            var target = new FileInfo(descriptor).LinkTarget ?? "?";
            return target.StartsWith("socket:", StringComparison.Ordinal) ? "socket"
                : target.StartsWith("pipe:", StringComparison.Ordinal) ? "pipe"
                : target.StartsWith('/') ? Path.GetFileName(target)
                : target;
        }
        catch (IOException)
        {
            return "closed while probed";
        }
    }

    /// <summary>The kinds whose count differs from <paramref name="earlier"/>, e.g. "pipe +4, anon_inode:[eventfd] +2".</summary>
    public string FileKindsGrownSince(MemoryProbe earlier) =>
        string.Join(", ", FileKinds.Keys.Union(earlier.FileKinds.Keys)
            .Select(kind => (Kind: kind, Growth: FileKinds.GetValueOrDefault(kind) - earlier.FileKinds.GetValueOrDefault(kind)))
            .Where(k => k.Growth != 0)
            .Select(k => FormattableString.Invariant($"{k.Kind} {k.Growth:+0;-0}")));
}
