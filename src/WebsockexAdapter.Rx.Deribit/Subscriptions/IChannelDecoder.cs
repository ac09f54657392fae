namespace WebsockexAdapter.Rx.Deribit;

/// <summary>A typed subscriber that takes its channel's messages straight from their bytes, decoding them in one pass.</summary>
internal interface IChannelDecoder
{
    /// <summary>Decodes <paramref name="data"/> and delivers the result; false when the bytes are not one well-formed JSON value (then nothing is delivered).</summary>
    bool OnData(ReadOnlySpan<byte> data, string channel, int epoch, string connectionId, DateTimeOffset receivedAt);
}
