using NATS.Client.Core;
using WebsockexAdapter.Rx.Deribit;

namespace WebsockexAdapter.Rx.Gateway;

/// <summary>The consumer's <see cref="States"/>: the gateway's status and this process's NATS connection, in one sequence.</summary>
public sealed partial class GatewayMarketData
{
    private AdapterState _gatewayState = new(AdapterStatus.Connecting, default);
    private bool _natsUp;
    private string? _lastGatewayId;

    /// <summary>Follows the gateway's status subject, and asks for the current status whenever NATS (re)connects.</summary>
    private async Task FollowStatusAsync(CancellationToken cancellationToken)
    {
        var subscription = await _nats.SubscribeCoreAsync<byte[]>(_subjects.Status, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using (subscription.ConfigureAwait(false))
        {
            await AskStatusAsync(cancellationToken).ConfigureAwait(false);
            await foreach (var message in subscription.Msgs.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (message.Data is { } data && TryRead<GatewayStatus>(data, _subjects.Status) is { } status)
                {
                    _stateInputs.Writer.TryWrite(StateInput.Gateway(status));
                }
            }
        }
    }

    private async Task AskStatusAsync(CancellationToken cancellationToken)
    {
        try
        {
            var answer = await _nats.RequestAsync<byte[], byte[]>(
                _subjects.StatusRequest, [], replyOpts: new NatsSubOpts { Timeout = _options.RequestTimeout }, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (answer.Data is { } data)
            {
                _stateInputs.Writer.TryWrite(StateInput.Gateway(GatewayJson.Read<GatewayStatus>(data)));
            }
        }
        catch (Exception error) when (error is NatsException or System.Text.Json.JsonException or OperationCanceledException or ObjectDisposedException)
        {
            // No gateway answers now; its status subject will tell when one does.
            GatewayConsumerLog.NoAnswer(_logger, _options.ConsumerId, _subjects.StatusRequest, error.Message);
        }
    }

    /// <summary>The one loop that emits states, so observers see them in order and never under a lock.</summary>
    private async Task PublishStatesAsync(CancellationToken cancellationToken)
    {
        await foreach (var input in _stateInputs.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (input.Status is { } status)
            {
                if (status.GatewayId != _lastGatewayId)
                {
                    _lastGatewayId = status.GatewayId;
                    Volatile.Read(ref _renewNow).TrySetResult();
                }

                _gatewayState = new AdapterState(status.Status, status.Timestamp)
                {
                    Epoch = _epochs.Local(status.GatewayId, status.Epoch),
                    Reason = $"gateway {status.GatewayId}: {status.Reason}",
                };
            }
            else
            {
                _natsUp = input.NatsUp;
                if (input.NatsUp)
                {
                    // Whatever the gateway said before the outage may be stale: ask again, without holding up this
                    // loop; the asks are awaited on dispose, so none can fail unobserved.
                    _statusAsks = Task.WhenAll(_statusAsks, AskStatusAsync(cancellationToken));
                }
            }

            var next = _natsUp || input.Status is not null
                ? _gatewayState
                : new AdapterState(AdapterStatus.Reconnecting, _options.TimeProvider.GetUtcNow()) { Epoch = _epochs.Current, Reason = "NATS connection lost" };
            if (next != _states.Value)
            {
                _states.OnNext(next);
            }
        }
    }

    private ValueTask OnNatsDisconnected(object? sender, NatsEventArgs args)
    {
        _stateInputs.Writer.TryWrite(StateInput.Nats(up: false));
        return ValueTask.CompletedTask;
    }

    private ValueTask OnNatsOpened(object? sender, NatsEventArgs args)
    {
        _stateInputs.Writer.TryWrite(StateInput.Nats(up: true));
        return ValueTask.CompletedTask;
    }

    private readonly record struct StateInput(GatewayStatus? Status, bool NatsUp)
    {
        public static StateInput Gateway(GatewayStatus status) => new(status, true);

        public static StateInput Nats(bool up) => new(null, up);
    }
}
