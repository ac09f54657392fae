using System.Text;
using WebsockexAdapter.Rx.Benchmarks.Reporting;

namespace WebsockexAdapter.Rx.Benchmarks.Soak;

/// <summary>Connect/drop cycles through one client: the footprint before and after.</summary>
internal sealed record CycleResult(int Connections, TimeSpan Elapsed, MemoryProbe Before, MemoryProbe After)
{
    public long HeapGrowth => After.HeapBytes - Before.HeapBytes;

    public int OpenFilesGrowth => After.OpenFiles - Before.OpenFiles;
}

/// <summary>Many idle connections of one kind: the footprint before they opened and while all were open.</summary>
internal sealed record IdleResult(string Kind, int Connections, MemoryProbe Before, MemoryProbe Open)
{
    public double HeapPerConnection => (double)(Open.HeapBytes - Before.HeapBytes) / Connections;

    public double WorkingSetPerConnection => (double)(Open.WorkingSetBytes - Before.WorkingSetBytes) / Connections;

    public double FilesPerConnection => (double)(Open.OpenFiles - Before.OpenFiles) / Connections;
}

/// <summary>What one soak-memory run measured.</summary>
internal sealed record SoakReport(SoakSettings Settings, CycleResult Cycles, CycleResult AdapterCycles, IReadOnlyList<IdleResult> Idle)
{
    public IReadOnlyList<EndToEnd.Floor> Floors =>
    [
        new("adapter cycles: managed heap growth, MB", AdapterCycles.HeapGrowth / 1048576.0, 2, AtLeast: false),
        new("adapter cycles: socket descriptors left over", AdapterCycles.After.OpenSockets - AdapterCycles.Before.OpenSockets, 0, AtLeast: false),
    ];

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"{Settings.Cycles:N0} connect/drop cycles through one WebSocketClient (after {Settings.WarmupCycles} warm-up cycles; zero backoff; the server sends one message, then closes TCP without a closing handshake): {Cycles.Connections:N0} connections in {Cycles.Elapsed.TotalSeconds:0.0} s."));
        text.AppendLine();
        text.Append(Footprint(Cycles));
        text.AppendLine();
        text.AppendLine(Invariant($"{Settings.AdapterCycles:N0} restore/drop cycles through one DeribitAdapter against the simulator (after {Settings.WarmupCycles} warm-up cycles; zero backoff; each session restored with set_heartbeat and a ticker subscription, then reset by the simulator; rate limits off; probed {Settings.Settle.TotalSeconds:0} s after the simulator's disposal): {AdapterCycles.Connections:N0} sessions in {AdapterCycles.Elapsed.TotalSeconds:0.0} s."));
        text.AppendLine();
        text.Append(Footprint(AdapterCycles));
        text.AppendLine();
        text.Append(MarkdownTable.Render(
            ["floor", "measured", "required", "met"],
            Floors.Select(f => (IReadOnlyList<string>)[f.What, Invariant($"{f.Measured:0.00}"), Invariant($"<= {f.Required:0}"), f.Met ? "yes" : "NO"])));
        text.AppendLine();
        text.AppendLine(Invariant($"{Settings.IdleConnections:N0} idle connections held open at once, per connection (client and server side together; the server's share is the same in every row):"));
        text.AppendLine();
        text.Append(MarkdownTable.Render(
            ["kind", "managed heap", "working set", "file descriptors"],
            Idle.Select(r => (IReadOnlyList<string>)
            [
                r.Kind,
                Invariant($"{r.HeapPerConnection / 1024.0:N1} KB"),
                Invariant($"{r.WorkingSetPerConnection / 1024.0:N1} KB"),
                Invariant($"{r.FilesPerConnection:0.0}"),
            ])));
        return text.ToString();
    }

    private static string Footprint(CycleResult cycles) =>
        MarkdownTable.Render(
            ["", "before", "after", "growth"],
            [
                ["managed heap after full GC", Invariant($"{cycles.Before.HeapBytes / 1024.0:N0} KB"), Invariant($"{cycles.After.HeapBytes / 1024.0:N0} KB"), Invariant($"{cycles.HeapGrowth / 1024.0:N1} KB")],
                ["open file descriptors", Invariant($"{cycles.Before.OpenFiles}"), Invariant($"{cycles.After.OpenFiles}"), Invariant($"{cycles.OpenFilesGrowth} ({(cycles.OpenFilesGrowth == 0 ? "none" : cycles.After.FileKindsGrownSince(cycles.Before))})")],
                ["of which sockets", Invariant($"{cycles.Before.OpenSockets}"), Invariant($"{cycles.After.OpenSockets}"), Invariant($"{cycles.After.OpenSockets - cycles.Before.OpenSockets}")],
                ["working set", Invariant($"{cycles.Before.WorkingSetBytes / 1048576.0:N1} MB"), Invariant($"{cycles.After.WorkingSetBytes / 1048576.0:N1} MB"), Invariant($"{(cycles.After.WorkingSetBytes - cycles.Before.WorkingSetBytes) / 1048576.0:N1} MB")],
            ]);

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
