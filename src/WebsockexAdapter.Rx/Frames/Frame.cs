using System.Net.WebSockets;
using System.Text;

namespace WebsockexAdapter.Rx;

/// <summary>
/// One WebSocket message. A frame owns its payload: it stays valid after <c>OnNext</c> returns, so consumers may
/// buffer it or move it to another thread with <c>ObserveOn</c>.
/// </summary>
/// <remarks>
/// The receive path allocates the payload array and this object, nothing else; <see cref="Text"/> is decoded on first
/// use and cached, so a consumer that parses the bytes directly never pays for a string. A consumer that parses each
/// message at once and keeps nothing of it need not pay for the frame either: <see cref="IConnection.SubscribeViews"/>
/// lends it the bytes where they were received.
/// </remarks>
public sealed class Frame
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlyMemory<byte> _payload;
    private readonly CloseDetails? _close;
    private string? _text;

    private Frame(FrameKind kind, ReadOnlyMemory<byte> payload, string? text, CloseDetails? close)
    {
        Kind = kind;
        _payload = payload;
        _text = text;
        _close = close;
    }

    /// <summary>The kind of message.</summary>
    public FrameKind Kind { get; }

    /// <summary>The payload bytes (UTF-8 for <see cref="FrameKind.Text"/>).</summary>
    public ReadOnlyMemory<byte> Payload => _payload;

    /// <summary>
    /// The payload decoded as UTF-8 (decoded once, on first use). For a close frame this is the close description.
    /// </summary>
    /// <exception cref="DecoderFallbackException">The payload is not valid UTF-8.</exception>
    public string Text => _text ??= Kind == FrameKind.Close ? _close!.Description : StrictUtf8.GetString(_payload.Span);

    /// <summary>The close status of a <see cref="FrameKind.Close"/> frame; <see langword="null"/> for other kinds.</summary>
    public WebSocketCloseStatus? CloseStatus => _close?.Status;

    /// <summary>The close description of a <see cref="FrameKind.Close"/> frame; <see langword="null"/> for other kinds.</summary>
    public string? CloseDescription => _close?.Description;

    /// <summary>Creates a text frame; the string is encoded to UTF-8 once.</summary>
    /// <param name="text">The message text.</param>
    public static Frame FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Frame(FrameKind.Text, Encoding.UTF8.GetBytes(text), text, null);
    }

    /// <summary>Creates a text frame from UTF-8 bytes the caller hands over (not copied).</summary>
    /// <param name="utf8">The UTF-8 payload; the caller must not change it afterwards.</param>
    public static Frame FromUtf8(ReadOnlyMemory<byte> utf8) => new(FrameKind.Text, utf8, null, null);

    /// <summary>Creates a binary frame over bytes the caller hands over (not copied).</summary>
    /// <param name="bytes">The payload; the caller must not change it afterwards.</param>
    public static Frame FromBinary(ReadOnlyMemory<byte> bytes) => new(FrameKind.Binary, bytes, null, null);

    /// <summary>Creates a ping control frame.</summary>
    /// <param name="payload">Up to 125 bytes the peer echoes in its pong.</param>
    public static Frame Ping(ReadOnlyMemory<byte> payload = default) => new(FrameKind.Ping, payload, null, null);

    /// <summary>Creates a pong control frame.</summary>
    /// <param name="payload">The payload of the ping being answered.</param>
    public static Frame Pong(ReadOnlyMemory<byte> payload = default) => new(FrameKind.Pong, payload, null, null);

    /// <summary>Creates a close frame.</summary>
    /// <param name="status">The close status.</param>
    /// <param name="description">The close reason, at most 123 UTF-8 bytes on the wire.</param>
    public static Frame Close(WebSocketCloseStatus status, string? description = null) =>
        new(FrameKind.Close, ReadOnlyMemory<byte>.Empty, null, new CloseDetails(status, description ?? string.Empty));

    /// <summary>A short description for logs: the kind and size, never the payload (it may hold secrets).</summary>
    public override string ToString() => Kind == FrameKind.Close
        ? $"Close({(int)_close!.Status} {_close.Status})"
        : $"{Kind}({_payload.Length} bytes)";

    private sealed record CloseDetails(WebSocketCloseStatus Status, string Description);
}
