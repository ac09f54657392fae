namespace WebsockexAdapter.Rx;

/// <summary>
/// A message as a transport that lends its buffer returns it (<see cref="ILendingTransport"/>): either a
/// <see cref="Frame"/> that owns its bytes (control frames, fragmented or very large messages), or a data message whose
/// <see cref="Payload"/> is lent from the receive buffer until the next receive.
/// </summary>
public readonly struct ReceivedMessage
{
    /// <summary>An owned frame.</summary>
    /// <param name="frame">The frame; any kind.</param>
    public ReceivedMessage(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        Frame = frame;
        Kind = frame.Kind;
        Payload = frame.Payload;
    }

    /// <summary>A text or binary message whose bytes are lent.</summary>
    /// <param name="kind"><see cref="FrameKind.Text"/> or <see cref="FrameKind.Binary"/>: control frames are always owned.</param>
    /// <param name="lent">The payload, valid until the transport's next receive.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is a control frame's.</exception>
    public ReceivedMessage(FrameKind kind, ReadOnlyMemory<byte> lent)
    {
        if (kind is not (FrameKind.Text or FrameKind.Binary))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only text and binary messages are lent; control frames are owned frames.");
        }

        Kind = kind;
        Payload = lent;
    }

    /// <summary>The owned frame, or <see langword="null"/> when the payload is lent.</summary>
    public Frame? Frame { get; }

    /// <summary>What kind of message it is.</summary>
    public FrameKind Kind { get; }

    /// <summary>The payload: the owned frame's, or bytes lent until the next receive (never keep them longer).</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>The view an <see cref="IFrameViewObserver"/> gets.</summary>
    public FrameView View => Frame is { } frame ? new FrameView(frame) : new FrameView(Kind, Payload.Span);

    /// <summary>The message as a frame that may be kept: the owned one, or a copy of the lent bytes.</summary>
    public Frame ToFrame() => Frame ?? View.ToFrame();
}
