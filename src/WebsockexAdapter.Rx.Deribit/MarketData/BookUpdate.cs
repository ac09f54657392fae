namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// One step of a <c>book.{instrument}.{interval}</c> stream, checked for continuity: a <see cref="BookUpdateKind.Change"/>
/// is only ever delivered when its <c>prev_change_id</c> is the last <c>change_id</c> delivered on the same connection,
/// so a consumer that follows Reset / Snapshot / Change never applies a change to a stale book.
/// </summary>
public sealed record BookUpdate
{
    /// <summary>Reset, snapshot or change.</summary>
    public required BookUpdateKind Kind { get; init; }

    /// <summary>The instrument, e.g. <c>BTC-PERPETUAL</c>.</summary>
    public required string InstrumentName { get; init; }

    /// <summary>The exchange's timestamp, in milliseconds since the Unix epoch (0 for a reset).</summary>
    public long Timestamp { get; init; }

    /// <summary>This update's change id (0 for a reset).</summary>
    public long ChangeId { get; init; }

    /// <summary>The change id this one follows; <see langword="null"/> for a snapshot or reset.</summary>
    public long? PrevChangeId { get; init; }

    /// <summary>Bid entries, best first as the exchange sends them.</summary>
    public IReadOnlyList<BookLevelChange> Bids { get; init; } = [];

    /// <summary>Ask entries, best first as the exchange sends them.</summary>
    public IReadOnlyList<BookLevelChange> Asks { get; init; } = [];

    /// <summary>For a reset: why (<c>reconnect</c> or <c>gap</c>, with detail).</summary>
    public string? ResetReason { get; init; }
}
