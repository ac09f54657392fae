using System.Text.Json;

namespace WebsockexAdapter.Rx.JsonRpc;

/// <summary>
/// Takes a session's channel messages (<c>subscription</c> notifications of the usual shape, see
/// <see cref="NotificationShortcut.TryReadChannel"/>) instead of <see cref="JsonRpcSession.Notifications"/>: only their
/// <c>data</c> is parsed into a document. Called on the receive loop, in arrival order, like the notifications.
/// </summary>
internal interface IChannelSink
{
    /// <param name="channel">The channel name's UTF-8 bytes (no escapes), valid only during the call.</param>
    /// <param name="data">The <c>data</c> member, which stays valid as long as it is kept.</param>
    void OnChannelMessage(ReadOnlySpan<byte> channel, JsonElement data);
}
