using System.Text.Json;

namespace WebsockexAdapter.Rx.JsonRpc;

/// <summary>
/// Takes a session's channel messages (notifications of the usual shape,
/// <c>{"method":"subscription","params":{"channel":"...","data":...}}</c>) instead of
/// <see cref="JsonRpcSession.Notifications"/>: the channel name is handed over as bytes, and <c>data</c> is offered unparsed
/// first (<see cref="TryTakeChannelMessage"/>), then parsed alone into a document if the sink declines, so a market-data
/// message costs no string and no envelope document. Called on the receive loop,
/// in arrival order, like the notifications: return quickly and do not block.
/// </summary>
public interface IChannelSink
{
    /// <summary>Takes one channel message; an exception thrown here is logged and that message is lost, the connection goes on.</summary>
    /// <param name="channel">The channel name's UTF-8 bytes (no escapes), valid only during the call.</param>
    /// <param name="data">The <c>data</c> member, which stays valid as long as it is kept.</param>
    void OnChannelMessage(ReadOnlySpan<byte> channel, JsonElement data);

    /// <summary>
    /// Offered each channel message first, before its <c>data</c> is parsed: a sink that decodes the bytes itself (in one
    /// pass, with no document) takes it and returns true. Returning false hands it to
    /// <see cref="OnChannelMessage"/> as a parsed element, or, when <paramref name="data"/> is not exactly one valid JSON
    /// value, to the general path, which skips and counts it; so a sink that finds the bytes malformed returns false and
    /// delivers nothing. The default takes nothing.
    /// </summary>
    /// <param name="channel">The channel name's UTF-8 bytes (no escapes), valid only during the call.</param>
    /// <param name="data">
    /// The <c>data</c> value's bytes (an object or array, not yet validated), valid only during the call: a sink that keeps
    /// anything of them copies it.
    /// </param>
    bool TryTakeChannelMessage(ReadOnlySpan<byte> channel, ReadOnlySpan<byte> data) => false;
}
