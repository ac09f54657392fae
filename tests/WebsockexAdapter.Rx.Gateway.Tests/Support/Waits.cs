using WebsockexAdapter.Rx.Deribit;

namespace WebsockexAdapter.Rx.Gateway.Tests.Support;

/// <summary>Bounded waits on conditions that something announces: no polling, no sleeps.</summary>
internal static partial class Waits
{
    /// <summary>Completes once <paramref name="condition"/> holds after some demand change at the gateway (or already holds).</summary>
    public static async Task UntilAsync(MarketDataGateway gateway, Func<MarketDataGateway, bool> condition, string what)
    {
        var met = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (condition(gateway))
            {
                met.TrySetResult();
            }
        }

        gateway.DemandApplied += Check;
        try
        {
            Check();
            await met.Task.WaitAsync(GatewayRig.Timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the gateway did not reach '{what}' within {GatewayRig.Timeout.TotalSeconds} s (channels: {string.Join(", ", gateway.ActiveChannels)}, consumers: {gateway.ConsumerCount})");
        }
        finally
        {
            gateway.DemandApplied -= Check;
        }
    }
}

/// <summary>Role waits.</summary>
internal static partial class Waits
{
    public static async Task RoleAsync(MarketDataGateway gateway, GatewayRole role)
    {
        var met = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (gateway.Role == role)
            {
                met.TrySetResult();
            }
        }

        gateway.RoleChanged += Check;
        try
        {
            Check();
            await met.Task.WaitAsync(GatewayRig.Timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"gateway {gateway.GatewayId} did not become {role} within {GatewayRig.Timeout.TotalSeconds} s");
        }
        finally
        {
            gateway.RoleChanged -= Check;
        }
    }
}

/// <summary>Counts a stream's messages and lets a test await the n-th, or a message that matches.</summary>
internal sealed class Recorder<T> : IDisposable
{
    private readonly object _gate = new();
    private readonly List<T> _items = [];
    private readonly List<(Func<IReadOnlyList<T>, bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private readonly IDisposable _subscription;
    private Exception? _error;

    public Recorder(IObservable<T> source) => _subscription = source.Subscribe(Add, OnError);

    public IReadOnlyList<T> Items
    {
        get
        {
            lock (_gate)
            {
                return [.. _items];
            }
        }
    }

    public Task CountAsync(int count, string what) => UntilAsync(items => items.Count >= count, $"{what}: {count} messages");

    public async Task UntilAsync(Func<IReadOnlyList<T>, bool> condition, string what)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (condition(_items))
            {
                return;
            }

            _waiters.Add((condition, done));
        }

        try
        {
            await done.Task.WaitAsync(GatewayRig.Timeout);
        }
        catch (TimeoutException)
        {
            lock (_gate)
            {
                throw new TimeoutException($"{what} did not happen within {GatewayRig.Timeout.TotalSeconds} s ({_items.Count} messages so far; error: {_error?.Message ?? "none"})");
            }
        }
    }

    public void Dispose() => _subscription.Dispose();

    private void Add(T item)
    {
        List<TaskCompletionSource> met = [];
        lock (_gate)
        {
            _items.Add(item);
            foreach (var waiter in _waiters.Where(w => w.Condition(_items)).ToList())
            {
                _waiters.Remove(waiter);
                met.Add(waiter.Done);
            }
        }

        met.ForEach(static d => d.TrySetResult());
    }

    private void OnError(Exception error)
    {
        List<TaskCompletionSource> all;
        lock (_gate)
        {
            _error = error;
            all = [.. _waiters.Select(static w => w.Done)];
            _waiters.Clear();
        }

        all.ForEach(d => d.TrySetException(error));
    }
}

/// <summary>What every book stream must be, local or through the gateway: Reset, Snapshot, then changes that chain.</summary>
internal static class BookChecks
{
    public static void AssertConsistent(IReadOnlyList<ChannelMessage<BookUpdate>> updates)
    {
        var hasBook = false;
        long last = 0;
        foreach (var update in updates.Select(static m => m.Data))
        {
            switch (update.Kind)
            {
                case BookUpdateKind.Reset:
                    hasBook = false;
                    break;
                case BookUpdateKind.Snapshot:
                    hasBook = true;
                    last = update.ChangeId;
                    break;
                default:
                    Assert.True(hasBook, $"change {update.ChangeId} delivered without a book");
                    Assert.Equal(last, update.PrevChangeId);
                    last = update.ChangeId;
                    break;
            }
        }
    }
}

/// <summary>A book's levels as one string, to compare two books.</summary>
internal static class BookText
{
    public static string Of(OrderBook book) =>
        $"{book.ChangeId}|{string.Join(',', book.Bids.Select(static l => $"{l.Price}:{l.Amount}"))}|{string.Join(',', book.Asks.Select(static l => $"{l.Price}:{l.Amount}"))}";
}
