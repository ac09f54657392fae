namespace WebsockexAdapter.Rx;

/// <summary>
/// A message as a transport that lends its buffer returns it (<see cref="ILendingTransport"/>): either a
/// <see cref="Frame"/> that owns its bytes (control frames, fragmented or very large messages), or a data message whose
/// <see cref="Payload"/> is lent from the receive buffer until the next receive.
/// </summary>
internal readonly struct ReceivedMessage
{
    /// <summary>An owned frame.</summary>
    public ReceivedMessage(Frame frame)
    {
        Frame = frame;
        Kind = frame.Kind;
        Payload = frame.Payload;
    }

    /// <summary>A text or binary message whose bytes are lent.</summary>
    public ReceivedMessage(FrameKind kind, ReadOnlyMemory<byte> lent)
    {
        Kind = kind;
        Payload = lent;
    }

    /// <summary>The owned frame, or <see langword="null"/> when the payload is lent.</summary>
    public Frame? Frame { get; }

    public FrameKind Kind { get; }

    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>The view an <see cref="IFrameViewObserver"/> gets.</summary>
    public FrameView View => Frame is { } frame ? new FrameView(frame) : new FrameView(Kind, Payload.Span);

    /// <summary>The message as a frame that may be kept: the owned one, or a copy of the lent bytes.</summary>
    public Frame ToFrame() => Frame ?? View.ToFrame();
}
