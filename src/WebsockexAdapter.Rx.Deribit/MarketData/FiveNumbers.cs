using System.Runtime.CompilerServices;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>The numbers of a ticker's <c>greeks</c> or <c>stats</c> while they are decoded, in the order of their names' slots.</summary>
[InlineArray(5)]
internal struct FiveNumbers
{
    private decimal? _first;
}
