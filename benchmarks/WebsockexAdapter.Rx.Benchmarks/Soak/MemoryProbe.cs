namespace WebsockexAdapter.Rx.Benchmarks.Soak;

/// <summary>The process's footprint at one moment, after a full, compacting garbage collection.</summary>
/// <param name="HeapBytes">Managed heap in use.</param>
/// <param name="OpenFiles">Entries in /proc/self/fd: sockets on both the client and the server side, and the rest.</param>
/// <param name="WorkingSetBytes">Resident memory, managed and native.</param>
/// <param name="OpenSockets">The file descriptors among <paramref name="OpenFiles"/> that are sockets.</param>
internal sealed record MemoryProbe(long HeapBytes, int OpenFiles, long WorkingSetBytes, int OpenSockets)
{
    public static MemoryProbe Take()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var files = Directory.Exists("/proc/self/fd") ? Directory.GetFileSystemEntries("/proc/self/fd") : [];
        var sockets = files.Count(IsSocket);
        return new MemoryProbe(GC.GetTotalMemory(forceFullCollection: false), files.Length, Environment.WorkingSet, sockets);
    }

    private static bool IsSocket(string descriptor)
    {
        try
        {
            return new FileInfo(descriptor).LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true;
        }
        catch (IOException)
        {
            return false; // closed while we looked
        }
    }
}
