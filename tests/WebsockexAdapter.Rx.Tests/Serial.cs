namespace WebsockexAdapter.Rx.Tests;

/// <summary>
/// Tests that count process-wide things (open file descriptors, meter measurements) run in this collection, alone,
/// after the parallel ones, so that no other test's sockets or counters blur their figures.
/// </summary>
[CollectionDefinition(nameof(Serial), DisableParallelization = true)]
public sealed class Serial;
