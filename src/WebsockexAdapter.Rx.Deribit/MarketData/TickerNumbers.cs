using System.Runtime.CompilerServices;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>A ticker's numbers while it is decoded, indexed by <see cref="TickerFields.NumberAt"/>.</summary>
[InlineArray(Count)]
internal struct TickerNumbers
{
    public const int Count = TickerMember.UnderlyingPrice - TickerMember.BestBidPrice + 1;

    private decimal? _first;
}
