using System.Net.WebSockets;
using System.Threading.Channels;

namespace WebsockexAdapter.Rx.Simulator.Connections;

/// <summary>
/// Everything a connection sends goes through one queue and one writer loop, so frames never interleave and the
/// faults that hold or count sends (stall, kill after N) have one place to act. Replies and control frames never
/// wait; notifications wait for one of a bounded number of slots, which is how a slow reader slows the
/// market-data generator instead of filling memory.
/// </summary>
internal sealed class Outbox
{
    private const int NotificationSlots = 1024;
    private readonly Channel<OutboundMessage> _queue = Channel.CreateUnbounded<OutboundMessage>(new UnboundedChannelOptions { SingleReader = true });

    // A bounded channel used as a counting semaphore: writing takes a slot, reading gives it back.
    private volatile bool _halted;
    private readonly Channel<byte> _slots = Channel.CreateBounded<byte>(NotificationSlots);

    /// <summary>Raised after each text frame has been written.</summary>
    public event Action? Sent;

    /// <summary>Raised when the close frame has been written.</summary>
    public event Action? CloseSent;

    public void Enqueue(ReadOnlyMemory<byte> payload) => _queue.Writer.TryWrite(new OutboundMessage(payload));

    public void EnqueueClose(WebSocketCloseStatus status, string? reason) => _queue.Writer.TryWrite(OutboundMessage.Close(status, reason));

    public async ValueTask EnqueueNotificationAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        await _slots.Writer.WriteAsync(0, cancellationToken).ConfigureAwait(false);
        if (!_queue.Writer.TryWrite(new OutboundMessage(payload, Throttled: true)))
        {
            _slots.Reader.TryRead(out _);
        }
    }

    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>Stops the writer loop before its next frame; nothing queued is sent.</summary>
    public void Halt()
    {
        _halted = true;
        _queue.Writer.TryComplete();
    }

    public async Task RunAsync(WebSocket socket, StallGate stall, CancellationToken cancellationToken)
    {
        await foreach (var message in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await stall.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (_halted)
            {
                return;
            }

            if (message.IsClose)
            {
                if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    await socket.CloseOutputAsync(message.CloseStatus, message.CloseReason, cancellationToken).ConfigureAwait(false);
                }

                CloseSent?.Invoke();
                return;
            }

            try
            {
                await socket.SendAsync(message.Payload, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (message.Throttled)
                {
                    _slots.Reader.TryRead(out _);
                }
            }

            Sent?.Invoke();
        }
    }
}
