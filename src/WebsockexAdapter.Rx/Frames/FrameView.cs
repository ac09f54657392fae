using System.Net.WebSockets;

namespace WebsockexAdapter.Rx;

/// <summary>
/// One received message, lent for the length of one <see cref="IFrameViewObserver.OnNext"/> call: its
/// <see cref="Payload"/> may be the transport's receive buffer, which the next message overwrites. A
/// <c>ref struct</c>, so it cannot be kept, captured or moved to another thread; a consumer that needs the message
/// later calls <see cref="ToFrame"/>, which copies it, or copies the part it keeps.
/// </summary>
/// <remarks>
/// This is what lets a consumer that decodes each message at once (a JSON reader over the bytes, say) receive it
/// without the array and the <see cref="Frame"/> a message costs otherwise.
/// </remarks>
public readonly ref struct FrameView
{
    private readonly Frame? _frame;

    /// <summary>A view of a frame that already owns its bytes; nothing is copied.</summary>
    /// <param name="frame">The frame.</param>
    public FrameView(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        _frame = frame;
        Kind = frame.Kind;
        Payload = frame.Payload.Span;
    }

    /// <summary>A view of bytes lent by a transport: text or binary data, never a close.</summary>
    internal FrameView(FrameKind kind, ReadOnlySpan<byte> payload)
    {
        Kind = kind;
        Payload = payload;
    }

    /// <summary>The kind of message.</summary>
    public FrameKind Kind { get; }

    /// <summary>The payload bytes (UTF-8 for <see cref="FrameKind.Text"/>), valid only during the call that received this view.</summary>
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>The close status of a <see cref="FrameKind.Close"/> message; <see langword="null"/> for other kinds.</summary>
    public WebSocketCloseStatus? CloseStatus => _frame?.CloseStatus;

    /// <summary>The close description of a <see cref="FrameKind.Close"/> message; <see langword="null"/> for other kinds.</summary>
    public string? CloseDescription => _frame?.CloseDescription;

    /// <summary>
    /// The message as a <see cref="Frame"/> that owns its bytes and may be kept: the frame itself when the view was made
    /// of one, otherwise a new frame over a copy of <see cref="Payload"/> (a new copy on each call).
    /// </summary>
    public Frame ToFrame()
    {
        if (_frame is not null)
        {
            return _frame;
        }

        var copy = GC.AllocateUninitializedArray<byte>(Payload.Length);
        Payload.CopyTo(copy);
        return Kind == FrameKind.Binary ? Frame.FromBinary(copy) : Frame.FromUtf8(copy);
    }

    /// <summary>A short description for logs: the kind and size, never the payload (it may hold secrets).</summary>
    public override string ToString() => _frame?.ToString() ?? $"{Kind}({Payload.Length} bytes)";
}
