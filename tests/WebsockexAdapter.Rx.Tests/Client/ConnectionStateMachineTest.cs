namespace WebsockexAdapter.Rx.Tests.Client;

public sealed class ConnectionStateMachineTest
{
    private readonly TestScheduler _scheduler = new();

    [Fact]
    public void States_StartDisconnectedAndReplayTheCurrentOne()
    {
        using var machine = new ConnectionStateMachine(_scheduler);
        machine.MoveTo(ConnectionStatus.Connecting, s => s with { Attempt = 1 });
        var seen = new List<ConnectionState>();

        using var subscription = machine.States.Subscribe(seen.Add);

        Assert.Equal(ConnectionStatus.Connecting, Assert.Single(seen).Status);
        Assert.Equal(1, machine.Current.Attempt);
    }

    [Theory]
    [InlineData(ConnectionStatus.Disconnected, ConnectionStatus.Connected)]
    [InlineData(ConnectionStatus.Disconnected, ConnectionStatus.Reconnecting)]
    [InlineData(ConnectionStatus.Connected, ConnectionStatus.Connecting)]
    [InlineData(ConnectionStatus.Faulted, ConnectionStatus.Connected)]
    public void MoveTo_AForbiddenTransition_Throws(ConnectionStatus from, ConnectionStatus to)
    {
        using var machine = At(from);

        var error = Assert.Throws<InvalidOperationException>(() => machine.MoveTo(to, s => s));

        Assert.Equal($"Invalid connection state transition {from} -> {to}.", error.Message);
        Assert.Equal(from, machine.Current.Status);
        Assert.False(machine.TryMoveTo(to, s => s));
    }

    [Fact]
    public void MoveTo_StampsTheSchedulersTime()
    {
        using var machine = new ConnectionStateMachine(_scheduler);
        _scheduler.AdvanceTo(1234);

        var state = machine.MoveTo(ConnectionStatus.Connecting, s => s);

        Assert.Equal(1234, state.Timestamp.UtcTicks);
    }

    private ConnectionStateMachine At(ConnectionStatus status)
    {
        var machine = new ConnectionStateMachine(_scheduler);
        var path = status switch
        {
            ConnectionStatus.Disconnected => [],
            ConnectionStatus.Connected => new[] { ConnectionStatus.Connecting, ConnectionStatus.Connected },
            ConnectionStatus.Faulted => [ConnectionStatus.Connecting, ConnectionStatus.Faulted],
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
        foreach (var step in path)
        {
            machine.MoveTo(step, s => s);
        }

        return machine;
    }
}
