using System.Runtime.InteropServices;
using System.Text.Json;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// A channel message's <c>data</c> on its way to the raw subscribers (<see cref="DeribitAdapter.Subscribe(string)"/>):
/// one document, parsed on the receive loop from a copy of the bytes (the parse checks them), shared by every subscriber
/// of the message. The document owns its bytes and is never disposed, so an element handed out stays valid for as long
/// as anyone keeps it.
/// </summary>
internal sealed class ChannelData
{
    // data sits two levels below the frame's root (in params, in the root object): as in WireReader and the session.
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 62 };

    /// <summary>Data already parsed (a frame that took the session's general path).</summary>
    public ChannelData(JsonElement element) => Element = element;

    /// <summary>A parsed copy of <paramref name="utf8"/>, if it is exactly one well-formed JSON value (what a document accepts).</summary>
    public static ChannelData? TryParse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            // Never disposed: see the summary.
#pragma warning disable CA2000 // The document's lifetime is the subscribers'.
            return new ChannelData(JsonDocument.Parse(utf8.ToArray(), Options).RootElement);
#pragma warning restore CA2000
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The data's UTF-8 bytes, for a subscriber that decodes them itself.</summary>
    public ReadOnlySpan<byte> Utf8 => JsonMarshal.GetRawUtf8Value(Element);

    /// <summary>The data as an element.</summary>
    public JsonElement Element { get; }
}
