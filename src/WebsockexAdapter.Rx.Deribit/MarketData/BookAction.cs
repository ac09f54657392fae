namespace WebsockexAdapter.Rx.Deribit;

/// <summary>What a book entry does to its price level.</summary>
public enum BookAction
{
    /// <summary>A new price level.</summary>
    New,

    /// <summary>The level's amount changed.</summary>
    Change,

    /// <summary>The level is gone.</summary>
    Delete,
}
