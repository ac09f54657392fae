namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// A ticker's members as a decoder reads them, before the immutable <see cref="Ticker"/> is made: the one place that
/// names the members and builds the ticker, for <see cref="TickerReader"/>'s tokens and <see cref="PlainTickerReader"/>'s scan.
/// </summary>
internal struct TickerFields(string? instrument)
{
    public long Timestamp;
    public string InstrumentName = instrument ?? string.Empty;
    public string? State;
    public string? UnderlyingIndex;
    public Greeks? Greeks;
    public TickerStats Stats = TickerStats.None;
    public TickerNumbers Numbers;

    /// <summary>The members' names as the exchange writes them.</summary>
    public static readonly MemberNames<TickerMember> Names = new(
        ("timestamp", TickerMember.Timestamp),
        ("instrument_name", TickerMember.InstrumentName),
        ("state", TickerMember.State),
        ("underlying_index", TickerMember.UnderlyingIndex),
        ("greeks", TickerMember.Greeks),
        ("stats", TickerMember.Stats),
        ("best_bid_price", TickerMember.BestBidPrice),
        ("best_bid_amount", TickerMember.BestBidAmount),
        ("best_ask_price", TickerMember.BestAskPrice),
        ("best_ask_amount", TickerMember.BestAskAmount),
        ("last_price", TickerMember.LastPrice),
        ("mark_price", TickerMember.MarkPrice),
        ("index_price", TickerMember.IndexPrice),
        ("open_interest", TickerMember.OpenInterest),
        ("min_price", TickerMember.MinPrice),
        ("max_price", TickerMember.MaxPrice),
        ("settlement_price", TickerMember.SettlementPrice),
        ("delivery_price", TickerMember.DeliveryPrice),
        ("estimated_delivery_price", TickerMember.EstimatedDeliveryPrice),
        ("current_funding", TickerMember.CurrentFunding),
        ("funding_8h", TickerMember.Funding8h),
        ("interest_value", TickerMember.InterestValue),
        ("interest_rate", TickerMember.InterestRate),
        ("mark_iv", TickerMember.MarkIv),
        ("bid_iv", TickerMember.BidIv),
        ("ask_iv", TickerMember.AskIv),
        ("underlying_price", TickerMember.UnderlyingPrice));

    /// <summary>The names of <c>greeks</c>' members, each with its slot in a <see cref="FiveNumbers"/> plus one (0: not kept).</summary>
    public static readonly MemberNames<int> GreeksNames = new(("delta", 1), ("gamma", 2), ("vega", 3), ("theta", 4), ("rho", 5));

    /// <summary>The names of <c>stats</c>' members, each with its slot in a <see cref="FiveNumbers"/> plus one (0: not kept).</summary>
    public static readonly MemberNames<int> StatsNames = new(("volume", 1), ("volume_usd", 2), ("high", 3), ("low", 4), ("price_change", 5));

    /// <summary>Where a numeric member's value is kept in <see cref="Numbers"/>; -1 for a member that is not a number.</summary>
    public static int NumberAt(TickerMember member) => member >= TickerMember.BestBidPrice ? member - TickerMember.BestBidPrice : -1;

    public static Greeks ToGreeks(in FiveNumbers n) => new() { Delta = n[0], Gamma = n[1], Vega = n[2], Theta = n[3], Rho = n[4] };

    public static TickerStats ToStats(in FiveNumbers n) => new() { Volume = n[0], VolumeUsd = n[1], High = n[2], Low = n[3], PriceChange = n[4] };

    public readonly Ticker ToTicker() => new()
    {
        Timestamp = Timestamp,
        InstrumentName = InstrumentName,
        State = State,
        BestBidPrice = Number(TickerMember.BestBidPrice),
        BestBidAmount = Number(TickerMember.BestBidAmount),
        BestAskPrice = Number(TickerMember.BestAskPrice),
        BestAskAmount = Number(TickerMember.BestAskAmount),
        LastPrice = Number(TickerMember.LastPrice),
        MarkPrice = Number(TickerMember.MarkPrice),
        IndexPrice = Number(TickerMember.IndexPrice),
        OpenInterest = Number(TickerMember.OpenInterest),
        MinPrice = Number(TickerMember.MinPrice),
        MaxPrice = Number(TickerMember.MaxPrice),
        SettlementPrice = Number(TickerMember.SettlementPrice),
        DeliveryPrice = Number(TickerMember.DeliveryPrice),
        EstimatedDeliveryPrice = Number(TickerMember.EstimatedDeliveryPrice),
        CurrentFunding = Number(TickerMember.CurrentFunding),
        Funding8h = Number(TickerMember.Funding8h),
        InterestValue = Number(TickerMember.InterestValue),
        InterestRate = Number(TickerMember.InterestRate),
        MarkIv = Number(TickerMember.MarkIv),
        BidIv = Number(TickerMember.BidIv),
        AskIv = Number(TickerMember.AskIv),
        UnderlyingPrice = Number(TickerMember.UnderlyingPrice),
        UnderlyingIndex = UnderlyingIndex,
        Greeks = Greeks,
        Stats = Stats,
    };

    private readonly decimal? Number(TickerMember member) => Numbers[NumberAt(member)];
}
