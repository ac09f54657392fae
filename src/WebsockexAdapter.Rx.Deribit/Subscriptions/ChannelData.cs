using System.Runtime.InteropServices;
using System.Text.Json;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// A channel message's <c>data</c> on its way to the raw subscribers (<see cref="DeribitAdapter.Subscribe(string)"/>):
/// its UTF-8 bytes, copied on the receive loop, and a <see cref="JsonElement"/> of them, which the loop either builds at
/// once or leaves to the first subscriber's delivery that asks for <see cref="Element"/>, on that subscriber's drain.
/// The document is built once for every subscriber of the message and owns its bytes, so an element handed out stays
/// valid for as long as anyone keeps it.
/// </summary>
/// <remarks>
/// The receive loop is the one thread every message of a connection goes through; building every document there made
/// it the bottleneck of the raw stream, so it builds only some (see <see cref="SubscriptionRegistry.TryDeliver"/>). The
/// bytes of the others are checked on the loop all the same (<see cref="PlainJsonCheck"/>, or a reader for what is not
/// plain), so that malformed data is skipped and counted by the session exactly as a failed parse was, and never
/// reaches a subscriber.
/// </remarks>
internal sealed class ChannelData
{
    // data sits two levels below the frame's root (in params, in the root object): as in WireReader and the session.
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 62 };

    private readonly byte[]? _utf8;
    private readonly JsonElement _given;
    private JsonDocument? _document;

    private ChannelData(byte[] utf8) => _utf8 = utf8;

    /// <summary>Data already parsed (a frame that took the session's general path).</summary>
    public ChannelData(JsonElement element) => _given = element;

    /// <summary>A copy of <paramref name="utf8"/>, parsed later, if it is exactly one well-formed JSON value (what a document would accept).</summary>
    public static ChannelData? TryCopy(ReadOnlySpan<byte> utf8) =>
        PlainJsonCheck.IsOneValue(utf8) || WireReader.IsOneValue(utf8) ? new ChannelData(utf8.ToArray()) : null;

    /// <summary>A copy of <paramref name="utf8"/>, parsed now (which checks it), if it is exactly one well-formed JSON value.</summary>
    public static ChannelData? TryParse(ReadOnlySpan<byte> utf8)
    {
        var data = new ChannelData(utf8.ToArray());
        try
        {
            data.Parse();
            return data;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The data's UTF-8 bytes, for a subscriber that decodes them itself.</summary>
    public ReadOnlySpan<byte> Utf8 => _utf8 ?? JsonMarshal.GetRawUtf8Value(_given);

    /// <summary>Whether the element has been built.</summary>
    public bool IsParsed => _utf8 is null || Volatile.Read(ref _document) is not null;

    /// <summary>The data as an element, parsed the first time any subscriber asks; safe to ask from any thread.</summary>
    public JsonElement Element => _utf8 is null ? _given : (Volatile.Read(ref _document) ?? Parse()).RootElement;

    private JsonDocument Parse()
    {
        // Never disposed: the elements handed out must stay valid as long as a subscriber keeps them, and the document
        // reads this object's own copy of the bytes. Two drains that ask at once may both parse; one document wins.
#pragma warning disable CA2000 // See above: the document's lifetime is the subscribers'.
        var parsed = JsonDocument.Parse(_utf8, Options);
#pragma warning restore CA2000
        return Interlocked.CompareExchange(ref _document, parsed, null) ?? parsed;
    }
}
