namespace WebsockexAdapter.Rx.Simulator.MarketData;

/// <summary>One book entry as the exchange sends it: <c>[action, price, amount]</c>.</summary>
internal readonly record struct BookEntry(string Action, decimal Price, decimal Amount);
