namespace WebsockexAdapter.Rx.Simulator.Connections;

/// <summary>
/// Sends replies, honouring the delay and reorder faults. Reordering holds one reply until the next one is ready
/// and sends the later first; a held reply goes out on its own after <see cref="ReorderWindow"/>, so nothing waits
/// forever for a partner.
/// </summary>
internal sealed class ReplyScheduler(SimConnection connection, SimulatorState state)
{
    /// <summary>How long a reply is held waiting for a later one to overtake it.</summary>
    public static readonly TimeSpan ReorderWindow = TimeSpan.FromMilliseconds(250);

    private readonly object _gate = new();
    private byte[]? _held;
    private ITimer? _flush;

    public void Send(byte[] reply)
    {
        var delay = state.Faults.ReplyDelay;
        if (delay > TimeSpan.Zero)
        {
            BackgroundWork.Observe(SendLaterAsync(reply, delay), state.Logger, connection.Id, "delayed reply");
        }
        else
        {
            SendNow(reply);
        }
    }

    private async Task SendLaterAsync(byte[] reply, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, state.Clock, connection.Lifetime).ConfigureAwait(false);
            SendNow(reply);
        }
        catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException)
        {
            // The connection ended first: the reply has nowhere to go.
        }
    }

    private void SendNow(byte[] reply)
    {
        if (!state.Faults.ReorderReplies && _held is null)
        {
            connection.Outbox.Enqueue(reply);
            return;
        }

        lock (_gate)
        {
            if (_held is null)
            {
                _held = reply;
                _flush?.Dispose();
                _flush = state.Clock.CreateTimer(static s => ((ReplyScheduler)s!).Flush(), this, ReorderWindow, Timeout.InfiniteTimeSpan);
                return;
            }

            connection.Outbox.Enqueue(reply);
            connection.Outbox.Enqueue(_held);
            _held = null;
            _flush?.Dispose();
            _flush = null;
        }
    }

    private void Flush()
    {
        lock (_gate)
        {
            if (_held is not null)
            {
                connection.Outbox.Enqueue(_held);
                _held = null;
            }
        }
    }
}
