namespace WebsockexAdapter.Rx.Benchmarks.Loopback;

/// <summary>Which Deribit stream a blast sends.</summary>
internal enum Feed
{
    /// <summary><c>book.BTC-PERPETUAL.100ms</c>: a snapshot, then one-level changes (<see cref="BookBlast"/>).</summary>
    Book,

    /// <summary><c>ticker.BTC-PERPETUAL.100ms</c>: a perpetual's full ticker (<see cref="RepeatingBlast.Ticker"/>).</summary>
    Ticker,

    /// <summary><c>trades.BTC-PERPETUAL.100ms</c>: one trade per notification (<see cref="RepeatingBlast.Trades"/>).</summary>
    Trades,
}
