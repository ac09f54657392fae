namespace WebsockexAdapter.Rx.Deribit;

/// <summary>What a <see cref="BookUpdate"/> asks its consumer to do.</summary>
public enum BookUpdateKind
{
    /// <summary>Throw the book away: a reconnect or a <c>prev_change_id</c> gap. A snapshot follows.</summary>
    Reset,

    /// <summary>The whole book: replace what you have.</summary>
    Snapshot,

    /// <summary>Apply these entries to the book you have; its chain is unbroken.</summary>
    Change,
}
