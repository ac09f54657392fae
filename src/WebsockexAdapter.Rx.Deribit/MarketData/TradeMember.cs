namespace WebsockexAdapter.Rx.Deribit;

/// <summary>The members of a trade that <see cref="TradeFields"/> keeps.</summary>
internal enum TradeMember
{
    Other,
    TradeId,
    TradeSeq,
    Timestamp,
    InstrumentName,
    Price,
    Amount,
    Direction,
    MarkPrice,
    IndexPrice,
    Iv,
    TickDirection,
    Liquidation,
    BlockTradeId,
}
