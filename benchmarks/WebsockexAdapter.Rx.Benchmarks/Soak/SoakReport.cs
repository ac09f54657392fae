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
internal sealed record SoakReport(SoakSettings Settings, CycleResult Cycles, IReadOnlyList<IdleResult> Idle)
{
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"{Settings.Cycles:N0} connect/drop cycles through one WebSocketClient (after {Settings.WarmupCycles} warm-up cycles; zero backoff; the server sends one message, then closes TCP without a closing handshake): {Cycles.Connections:N0} connections in {Cycles.Elapsed.TotalSeconds:0.0} s."));
        text.AppendLine();
        text.Append(MarkdownTable.Render(
            ["", "before", "after", "growth"],
            [
                ["managed heap after full GC", Invariant($"{Cycles.Before.HeapBytes / 1024.0:N0} KB"), Invariant($"{Cycles.After.HeapBytes / 1024.0:N0} KB"), Invariant($"{Cycles.HeapGrowth / 1024.0:N1} KB")],
                ["open file descriptors", Invariant($"{Cycles.Before.OpenFiles}"), Invariant($"{Cycles.After.OpenFiles}"), Invariant($"{Cycles.OpenFilesGrowth}")],
                ["of which sockets", Invariant($"{Cycles.Before.OpenSockets}"), Invariant($"{Cycles.After.OpenSockets}"), Invariant($"{Cycles.After.OpenSockets - Cycles.Before.OpenSockets}")],
                ["working set", Invariant($"{Cycles.Before.WorkingSetBytes / 1048576.0:N1} MB"), Invariant($"{Cycles.After.WorkingSetBytes / 1048576.0:N1} MB"), Invariant($"{(Cycles.After.WorkingSetBytes - Cycles.Before.WorkingSetBytes) / 1048576.0:N1} MB")],
            ]));
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

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
