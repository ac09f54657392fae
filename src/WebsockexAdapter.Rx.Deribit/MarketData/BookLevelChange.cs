using System.Text.Json.Serialization;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>One book entry, <c>[action, price, amount]</c> on the wire.</summary>
/// <param name="Action">New, change or delete.</param>
/// <param name="Price">The price level.</param>
/// <param name="Amount">The amount at that level after the change (0 for a delete).</param>
[JsonConverter(typeof(BookLevelChangeConverter))]
public readonly record struct BookLevelChange(BookAction Action, decimal Price, decimal Amount);
