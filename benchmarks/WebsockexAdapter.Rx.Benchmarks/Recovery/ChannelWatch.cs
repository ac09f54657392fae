using WebsockexAdapter.Rx.Deribit;

namespace WebsockexAdapter.Rx.Benchmarks.Recovery;

/// <summary>
/// Watches every subscribed channel and completes <see cref="AllDeliveredAsync"/> once each of them has delivered a
/// message of a given connection epoch: the moment a restored session is whole again.
/// </summary>
internal sealed class ChannelWatch
{
    private readonly object _gate = new();
    private readonly Dictionary<string, int> _latestEpoch = new(StringComparer.Ordinal);
    private int _awaitedEpoch;
    private int _missing;
    private TaskCompletionSource<long>? _whole;

    public ChannelWatch(IEnumerable<string> channels)
    {
        foreach (var channel in channels)
        {
            _latestEpoch[channel] = 0;
        }
    }

    /// <summary>Called for every message of every channel, from whichever thread delivers it.</summary>
    public void OnMessage(ChannelMessage<System.Text.Json.JsonElement> message)
    {
        var stamp = System.Diagnostics.Stopwatch.GetTimestamp();
        TaskCompletionSource<long>? whole = null;
        lock (_gate)
        {
            var before = _latestEpoch[message.Channel];
            if (message.Epoch <= before)
            {
                return;
            }

            _latestEpoch[message.Channel] = message.Epoch;
            if (_whole is not null && before < _awaitedEpoch && message.Epoch >= _awaitedEpoch && --_missing == 0)
            {
                whole = _whole;
                _whole = null;
            }
        }

        whole?.TrySetResult(stamp);
    }

    /// <summary>Completes with the timestamp at which the last channel delivered its first message of <paramref name="epoch"/>.</summary>
    public Task<long> AllDeliveredAsync(int epoch)
    {
        lock (_gate)
        {
            _awaitedEpoch = epoch;
            _missing = _latestEpoch.Values.Count(latest => latest < epoch);
            if (_missing == 0)
            {
                return Task.FromResult(System.Diagnostics.Stopwatch.GetTimestamp());
            }

            _whole = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            return _whole.Task;
        }
    }
}
