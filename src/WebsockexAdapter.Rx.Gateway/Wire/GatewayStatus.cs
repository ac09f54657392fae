using WebsockexAdapter.Rx.Deribit;

namespace WebsockexAdapter.Rx.Gateway;

/// <summary>The active gateway's adapter state, as consumers see it.</summary>
/// <param name="GatewayId">The gateway.</param>
/// <param name="Status">Its adapter's status.</param>
/// <param name="Epoch">Its adapter's epoch.</param>
/// <param name="Reason">Why, in one line.</param>
/// <param name="Timestamp">When the state was entered.</param>
internal sealed record GatewayStatus(string GatewayId, AdapterStatus Status, int Epoch, string Reason, DateTimeOffset Timestamp);
