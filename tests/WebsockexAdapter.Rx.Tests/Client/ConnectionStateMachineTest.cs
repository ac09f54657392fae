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
    [Fact]
    public void AMoveMadeByAnObserver_IsEmittedAfterTheOneBeingEmitted_InOrderForEveryObserver()
    {
        using var machine = new ConnectionStateMachine(_scheduler);
        var first = new List<ConnectionStatus>();
        var second = new List<ConnectionStatus>();
        using var mover = machine.States.Subscribe(s =>
        {
            first.Add(s.Status);
            if (s.Status == ConnectionStatus.Connecting)
            {
                machine.MoveTo(ConnectionStatus.Connected, c => c);
            }
        });
        using var watcher = machine.States.Subscribe(s => second.Add(s.Status));

        machine.MoveTo(ConnectionStatus.Connecting, s => s);

        ConnectionStatus[] expected = [ConnectionStatus.Disconnected, ConnectionStatus.Connecting, ConnectionStatus.Connected];
        Assert.Equal(expected, first);
        Assert.Equal(expected, second);
        Assert.Equal(ConnectionStatus.Connected, machine.Current.Status);
    }

    [Fact]
    public async Task ObserversRunOutsideTheLock_SoAnotherThreadMovesWhileOneIsBusy()
    {
        using var machine = new ConnectionStateMachine(_scheduler);
        using var busy = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        using var blocker = machine.States.Subscribe(s =>
        {
            if (s.Status == ConnectionStatus.Connecting)
            {
                busy.Set();
                release.Wait(TimeSpan.FromSeconds(10));
            }
        });
        var emitting = Task.Run(() => machine.MoveTo(ConnectionStatus.Connecting, s => s));
        Assert.True(busy.Wait(TimeSpan.FromSeconds(10)));

        // Under the old design this waited for the observer, holding the lock; now it returns at once, queued.
        var moved = Task.Run(() => machine.MoveTo(ConnectionStatus.Connected, s => s));
        await moved.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(ConnectionStatus.Connected, machine.Current.Status);

        release.Set();
        await emitting.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
