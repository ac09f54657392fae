namespace WebsockexAdapter.Rx.Deribit;

/// <summary>The order types this adapter places.</summary>
public enum OrderType
{
    /// <summary>Rests at <see cref="OrderRequest.Price"/> until filled or cancelled.</summary>
    Limit,

    /// <summary>Fills at once at the best available price.</summary>
    Market,
}
