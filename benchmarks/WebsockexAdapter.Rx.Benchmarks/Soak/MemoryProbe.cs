namespace WebsockexAdapter.Rx.Benchmarks.Soak;

/// <summary>The process's footprint at one moment, after a full, compacting garbage collection.</summary>
/// <param name="HeapBytes">Managed heap in use.</param>
/// <param name="OpenFiles">Entries in /proc/self/fd: sockets on both the client and the server side, and the rest.</param>
/// <param name="WorkingSetBytes">Resident memory, managed and native.</param>
internal sealed record MemoryProbe(long HeapBytes, int OpenFiles, long WorkingSetBytes)
{
    public static MemoryProbe Take()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var files = Directory.Exists("/proc/self/fd") ? Directory.GetFileSystemEntries("/proc/self/fd").Length : -1;
        return new MemoryProbe(GC.GetTotalMemory(forceFullCollection: false), files, Environment.WorkingSet);
    }
}
