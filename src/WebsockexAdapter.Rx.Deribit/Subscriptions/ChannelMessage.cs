namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// One notification of a channel, with where it came from: <see cref="Epoch"/> tells which connection delivered it, so a
/// strategy sees that a reconnect happened between two messages (the epoch went up) and can treat what it derived from
/// the old connection as stale.
/// </summary>
/// <typeparam name="T">The payload: the raw <see cref="System.Text.Json.JsonElement"/>, or a typed record.</typeparam>
/// <param name="Channel">The channel, e.g. <c>ticker.BTC-PERPETUAL.100ms</c>.</param>
/// <param name="Data">The notification's <c>data</c>.</param>
/// <param name="Epoch">The connection epoch: 1 for the first connection, one more for each reconnect.</param>
/// <param name="ConnectionId">The connection's correlation id, as in the log lines.</param>
/// <param name="ReceivedAt">When it arrived, on the adapter's scheduler.</param>
public readonly record struct ChannelMessage<T>(string Channel, T Data, int Epoch, string ConnectionId, DateTimeOffset ReceivedAt)
{
    /// <summary>The same message with another payload (a decoded form of this one).</summary>
    /// <typeparam name="TOther">The new payload's type.</typeparam>
    /// <param name="data">The new payload.</param>
    public ChannelMessage<TOther> With<TOther>(TOther data) => new(Channel, data, Epoch, ConnectionId, ReceivedAt);
}
