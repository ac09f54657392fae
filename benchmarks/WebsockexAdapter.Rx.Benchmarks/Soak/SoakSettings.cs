namespace WebsockexAdapter.Rx.Benchmarks.Soak;

/// <summary>How much the soak-memory suite does.</summary>
/// <param name="Cycles">Connect/drop cycles measured.</param>
/// <param name="WarmupCycles">Cycles run before the first probe, so pools and lazy statics count as the baseline.</param>
/// <param name="AdapterCycles">Restore/drop cycles measured through the Deribit adapter against the simulator.</param>
/// <param name="IdleConnections">Connections held open at once per idle row.</param>
/// <param name="Settle">
/// How long the adapter row waits after disposing a simulator before it probes: the simulator's host lets go of its
/// record of the connections it served (about 14 KB each) only shortly after its disposal has returned. Zero in quick
/// mode, which checks that the suite runs, not what it measures.
/// </param>
/// <param name="Timeout">How long any one phase may take before the suite gives up.</param>
internal sealed record SoakSettings(int Cycles, int WarmupCycles, int AdapterCycles, int IdleConnections, TimeSpan Settle, TimeSpan Timeout)
{
    public static SoakSettings Full { get; } = new(10_000, 200, 10_000, 1_000, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));

    public static SoakSettings Quick { get; } = new(50, 5, 20, 20, TimeSpan.Zero, TimeSpan.FromSeconds(20));
}
