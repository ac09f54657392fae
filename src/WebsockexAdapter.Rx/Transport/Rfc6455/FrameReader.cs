using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text.Unicode;

namespace WebsockexAdapter.Rx;

/// <summary>
/// Turns the bytes a server sends into whole messages: frames parsed straight out of the <see cref="ReceiveBuffer"/>,
/// fragments reassembled, every rule of RFC 6455 checked before a payload is taken. An unfragmented message that is
/// in the buffer (the common case) is not copied at all: it is lent where it lies, and the buffer keeps it until the
/// next read. A fragment is copied into the assembler, and a payload larger than the buffer is read from the socket
/// straight into its own array. A message over the size limit is refused at its header, before any of it is buffered.
/// </summary>
internal sealed class FrameReader(ReceiveBuffer buffer, int maxMessageSize) : IDisposable
{
    private readonly MessageAssembler _fragments = new(maxMessageSize);

    // The opcode of the fragmented message being received; Continuation when there is none.
    private Opcode _message = Opcode.Continuation;

    // How many bytes of the fragmented text message are whole, valid characters.
    private int _validText;

    // How many bytes at the front of the buffer the last message lent out takes (its header too); consumed at the next read.
    private int _lent;

    /// <summary>The status to close with after this reader threw for a frame it refused.</summary>
    public WebSocketCloseStatus FailureStatus { get; private set; } = WebSocketCloseStatus.ProtocolError;

    /// <summary>
    /// The next message, ping, pong or close, if the buffer holds all of it; false when more bytes are needed. Whole
    /// fragments in the buffer are taken on the way. The message lent before this call is released first.
    /// </summary>
    public bool TryReadBuffered(out ReceivedMessage message)
    {
        ReleaseLent();
        while (true)
        {
            var data = buffer.Data;
            if (!FrameHeader.TryRead(data, out var header))
            {
                message = default;
                return false;
            }

            var length = Admit(header);
            if (data.Length - header.Length < length)
            {
                message = default;
                return false;
            }

            var payload = data.Slice(header.Length, length);
            if (header.Fin && (header.Opcode is Opcode.Text or Opcode.Binary))
            {
                if (header.Opcode == Opcode.Text && !Utf8.IsValid(payload))
                {
                    throw NotUtf8();
                }

                // Not consumed yet: consuming may hand the buffer back to the pool, and the payload lives in it.
                _lent = header.Length + length;
                message = new ReceivedMessage(header.Opcode == Opcode.Text ? FrameKind.Text : FrameKind.Binary, buffer.Memory.Slice(header.Length, length));
                return true;
            }

            Frame? frame;
            if (header.IsControl)
            {
                frame = Control(header.Opcode, payload);
            }
            else
            {
                var target = Target(header, length);
                payload.CopyTo(target.Span);
                frame = Complete(header, target);
            }

            // Last, for the same reason.
            buffer.Consume(header.Length + length);
            if (frame is not null)
            {
                message = new ReceivedMessage(frame);
                return true;
            }
        }
    }

    /// <summary>Reads until the next message, ping, pong or close is whole. Throws at the end of the stream.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ReceivedMessage> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryReadBuffered(out var message))
            {
                return message;
            }

            if (FrameHeader.TryRead(buffer.Data, out var header) && header.Length + (long)header.PayloadLength > buffer.Capacity)
            {
                // Admitted already (TryReadBuffered checked it); larger than the buffer, so read past it.
                var length = (int)header.PayloadLength;
                buffer.Consume(header.Length);
                var target = Target(header, length);
                await buffer.ReadExactlyAsync(target, cancellationToken).ConfigureAwait(false);
                if (Complete(header, target) is { } large)
                {
                    return new ReceivedMessage(large);
                }
            }
            else if (!await buffer.FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new EndOfStreamException("the server ended the TCP connection without a close frame");
            }
        }
    }

    public void Dispose() => _fragments.Dispose();

    private void ReleaseLent()
    {
        if (_lent > 0)
        {
            buffer.Consume(_lent);
            _lent = 0;
        }
    }

    /// <summary>Checks the frame against the protocol and the size limit; returns its payload length.</summary>
    private int Admit(in FrameHeader header)
    {
        if (FrameRules.Check(header, inMessage: _message != Opcode.Continuation) is { } problem)
        {
            throw Refuse(WebSocketCloseStatus.ProtocolError, problem);
        }

        if (!header.IsControl && header.PayloadLength > (ulong)(maxMessageSize - _fragments.Length))
        {
            FailureStatus = WebSocketCloseStatus.MessageTooBig;
            throw new MessageTooLargeException((long)Math.Min(header.PayloadLength + (ulong)_fragments.Length, long.MaxValue), maxMessageSize);
        }

        return (int)header.PayloadLength;
    }

    /// <summary>Where a data frame's payload goes when it is not lent: a new array for a whole message, else the end of the assembler.</summary>
    private Memory<byte> Target(in FrameHeader header, int length)
    {
        if (header.Opcode != Opcode.Continuation)
        {
            if (header.Fin)
            {
                return GC.AllocateUninitializedArray<byte>(length);
            }

            _message = header.Opcode;
        }

        return _fragments.Extend(length);
    }

    /// <summary>The message a data frame completes, or <see langword="null"/> for a fragment that leaves it unfinished.</summary>
    private Frame? Complete(in FrameHeader header, Memory<byte> payload)
    {
        if (header.Opcode == Opcode.Text && header.Fin)
        {
            return Utf8.IsValid(payload.Span) ? Frame.FromUtf8(payload) : throw NotUtf8();
        }

        if (header.Opcode == Opcode.Binary && header.Fin)
        {
            return Frame.FromBinary(payload);
        }

        if (_message == Opcode.Text)
        {
            // Checked fragment by fragment, so an invalid message is refused as soon as it is one.
            var pending = _fragments.Collected[_validText..];
            if (!Utf8Prefix.IsValid(pending, out var whole) || (header.Fin && whole != pending.Length))
            {
                throw NotUtf8();
            }

            _validText += whole;
        }

        if (!header.Fin)
        {
            return null;
        }

        var kind = _message;
        _message = Opcode.Continuation;
        _validText = 0;
        var message = _fragments.Take();
        return kind == Opcode.Text ? Frame.FromUtf8(message) : Frame.FromBinary(message);
    }

    private Frame Control(Opcode opcode, ReadOnlySpan<byte> payload)
    {
        switch (opcode)
        {
            case Opcode.Ping:
                return Frame.Ping(payload.ToArray());
            case Opcode.Pong:
                return Frame.Pong(payload.ToArray());
            default:
                if (CloseCodes.TryRead(payload, out var status, out var reason, out var invalidUtf8) is { } problem)
                {
                    throw Refuse(invalidUtf8 ? WebSocketCloseStatus.InvalidPayloadData : WebSocketCloseStatus.ProtocolError, problem);
                }

                return Frame.Close(status, reason);
        }
    }

    private ProtocolViolationException NotUtf8() => Refuse(WebSocketCloseStatus.InvalidPayloadData, "a text message that is not valid UTF-8");

    private ProtocolViolationException Refuse(WebSocketCloseStatus status, string problem)
    {
        FailureStatus = status;
        return new ProtocolViolationException(problem);
    }
}
