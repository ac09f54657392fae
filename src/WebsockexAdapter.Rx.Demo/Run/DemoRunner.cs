using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using System.Threading.Channels;
using WebsockexAdapter.Rx.Demo.Cli;
using WebsockexAdapter.Rx.Deribit;
using WebsockexAdapter.Rx.JsonRpc;
using WebsockexAdapter.Rx.Recording;
using DeribitSimulator = WebsockexAdapter.Rx.Simulator.DeribitSimulator;
using SimulatorOptions = WebsockexAdapter.Rx.Simulator.SimulatorOptions;

namespace WebsockexAdapter.Rx.Demo.Run;

/// <summary>
/// One run of the demo, apart from any rendering: starts the simulator (unless a URL is given), connects the adapter,
/// subscribes book, ticker, trades and the account's orders, keeps a resting order with cancel-on-disconnect, injects
/// a fault every few seconds and waits for each recovery, and returns what it proved as a <see cref="DemoSummary"/>.
/// Views read <see cref="Snapshot"/> and <see cref="Events"/> while it runs.
/// </summary>
internal sealed class DemoRunner : IDisposable
{
    /// <summary>How long the first connection (and its restore) may take before the URL is reported unreachable.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    /// <summary>How long a fault may take to be recovered from before the run says it was not.</summary>
    public static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(15);

    /// <summary>How long the end of the run waits for every channel (and the order checks) to catch up.</summary>
    public static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(5);

    private const int LogLines = 10;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    private readonly DemoSettings _settings;
    private readonly TimeProvider _time;
    private readonly ISubject<DemoEvent> _events = Subject.Synchronize(new Subject<DemoEvent>());
    private readonly Channel<DeribitSession> _sessions = Channel.CreateUnbounded<DeribitSession>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _firstLive = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _gate = new();
    private readonly List<DemoEvent> _log = [];
    private readonly List<FaultRecord> _faults = [];
    private readonly OrderBook _book = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly long _started;
    private string _target;
    private readonly Timeline _timeline;
    private ChannelMeter? _meter;
    private DeribitAdapter? _adapter;
    private FaultInjector? _injector;
    private OrderDesk? _desk;
    private TopOfBook? _top;
    private decimal? _tickerBid;
    private (int Index, TaskCompletionSource Done)? _pending;
    private int _lastLiveEpoch;
    private DemoException? _fatal;
    private Task _cancelling = Task.CompletedTask;
    private DemoSnapshot? _last;

    public DemoRunner(DemoSettings settings, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _time = time ?? TimeProvider.System;
        _started = _time.GetTimestamp();
        _timeline = new Timeline(_time.GetUtcNow());
        _target = settings.Url?.ToString() ?? "embedded simulator";
    }

    /// <summary>State changes, faults, recoveries and orders, as they happen (on whichever thread saw them).</summary>
    public IObservable<DemoEvent> Events => _events.AsObservable();

    public DemoSettings Settings => _settings;

    private TimeSpan Elapsed => _time.GetElapsedTime(_started);

    /// <summary>Runs until the duration is over (then waits for the last recovery) or <paramref name="stop"/> is cancelled.</summary>
    /// <exception cref="DemoException">Bad URL, unreachable exchange, refused credentials, subscription or order.</exception>
    public async Task<DemoSummary> RunAsync(CancellationToken stop)
    {
        await using var simulator = _settings.UsesSimulator
            ? await DeribitSimulator.StartAsync(new SimulatorOptions { MinHeartbeatInterval = _settings.Heartbeat }, stop)
            : null;
        var url = simulator?.Uri ?? _settings.Url!;
        _target = simulator is null ? url.ToString() : $"embedded simulator at {url}";
        // Declared before the adapter, so it is disposed after it: the last frames and the close are written too.
        using var recorder = _settings.RecordTo is { } file ? SessionRecorder.Create(file) : null;
        using var adapter = CreateAdapter(url, simulator is not null, recorder);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, _abort.Token);
        var token = linked.Token;
        _injector = simulator is not null && _settings.Faults ? new FaultInjector(simulator) : null;
        _desk = _settings.Trades ? new OrderDesk(adapter, _settings.Instrument, BestBid, Log) : null;
        _meter = new ChannelMeter(_time, Channels());
        _adapter = adapter;

        var stoppedByUser = false;
        var orders = Task.CompletedTask;
        using (Subscribe(adapter))
        {
            try
            {
                await _firstLive.Task.WaitAsync(ConnectTimeout, token);
                orders = RunOrdersAsync(token);
                await RunFaultsAsync(token);
                await SettleAsync(token);
                _sessions.Writer.TryComplete();
                await orders;
                if (_desk is not null)
                {
                    using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    await _desk.CancelRestingAsync(exit.Token);
                }
            }
            catch (TimeoutException) when (!_firstLive.Task.IsCompleted)
            {
                Fail(new DemoException(DemoError.Unreachable, $"No connection to {url} within {ConnectTimeout.TotalSeconds:0} s."));
            }
            catch (OperationCanceledException) when (Volatile.Read(ref _fatal) is null && stop.IsCancellationRequested)
            {
                stoppedByUser = true;
            }
            catch (OperationCanceledException) when (Volatile.Read(ref _fatal) is not null)
            {
                // The failure below says why.
            }
            finally
            {
                _sessions.Writer.TryComplete();
                await Quietly(orders);
                await _cancelling;
                _injector?.Reset();
            }

            if (Volatile.Read(ref _fatal) is { } fatal)
            {
                throw fatal;
            }

            // The view's last frame shows the run as it ended, not the adapter being disposed.
            _last = Snapshot();
            return Summarize(adapter, stoppedByUser);
        }
    }

    public void Dispose() => _abort.Dispose();

    /// <summary>What the view shows now.</summary>
    public DemoSnapshot Snapshot()
    {
        if (Volatile.Read(ref _last) is { } last)
        {
            return last;
        }

        var adapter = _adapter;
        var state = adapter?.CurrentState ?? new AdapterState(AdapterStatus.Stopped, _time.GetUtcNow()) { Reason = "starting" };
        lock (_gate)
        {
            return new DemoSnapshot
            {
                Target = _target,
                Elapsed = Elapsed,
                Duration = _settings.Duration,
                FaultInterval = _settings.InjectsFaults ? _settings.FaultInterval : null,
                State = state,
                Reconnects = adapter?.Health.Reconnects ?? 0,
                LastRecovery = _faults.LastOrDefault(f => f.Recovered),
                Channels = _meter?.Read() ?? [],
                Top = _top,
                Order = _desk?.On(state.Epoch),
                Log = [.. _log.Where(e => e.Kind != DemoEventKind.State).TakeLast(LogLines)],
            };
        }
    }

    private DeribitAdapter CreateAdapter(Uri url, bool simulator, SessionRecorder? recorder)
    {
        var options = DemoAdapterOptions.For(_settings, url, simulator);
        if (recorder is not null)
        {
            options.Client = options.Client.RecordTo(recorder);
        }

        try
        {
            return new DeribitAdapter(options);
        }
        catch (InvalidOptionsException invalid)
        {
            throw new DemoException(DemoError.BadUrl, string.Join(" ", invalid.Errors), invalid);
        }
    }

    private IEnumerable<string> Channels()
    {
        var i = _settings.Instrument;
        return _settings.Trades
            ? [$"book.{i}.100ms", $"ticker.{i}.100ms", $"trades.{i}.100ms", $"user.orders.{i}.raw"]
            : [$"book.{i}.100ms", $"ticker.{i}.100ms", $"trades.{i}.100ms"];
    }

    private CompositeDisposable Subscribe(DeribitAdapter adapter)
    {
        var i = _settings.Instrument;
        var subscriptions = new CompositeDisposable
        {
            adapter.States.Subscribe(OnState),
            adapter.Connections.Subscribe(session => _sessions.Writer.TryWrite(session), static _ => { }),
            adapter.SubscribeBook(i).Subscribe(OnBook, OnChannelError),
            adapter.SubscribeTicker(i).Subscribe(OnTicker, OnChannelError),
            adapter.SubscribeTrades(i).Subscribe(m => Count(m.Channel, m.Epoch), OnChannelError),
        };
        if (_settings.Trades)
        {
            subscriptions.Add(adapter.SubscribeUserOrders(i).Subscribe(OnUserOrder, OnChannelError));
        }

        return subscriptions;
    }

    /// <summary>Runs under the adapter's state lock: it records and signals, and calls nothing on the adapter.</summary>
    private void OnState(AdapterState state)
    {
        if (state.Status == AdapterStatus.Stopped && !_firstLive.Task.IsCompleted)
        {
            // The state replayed on subscribing, before anything started.
            return;
        }

        _timeline.RecordState(state);
        Log(DemoEventKind.State, state.Epoch > 0 ? $"{state.Status} (epoch {state.Epoch}): {state.Reason}" : $"{state.Status}: {state.Reason}");
        switch (state.Status)
        {
            case AdapterStatus.Live:
                OnLive(state);
                break;
            case AdapterStatus.Reconnecting when !_firstLive.Task.IsCompleted:
                Fail(new DemoException(DemoError.Unreachable, $"Could not connect to {_settings.Url ?? _adapter?.Options.Url}: {state.Error?.Message ?? state.Reason}", state.Error));
                break;
            case AdapterStatus.Reconnecting:
                _injector?.OnConnectionLeft();
                lock (_gate)
                {
                    if (_pending is { } pending && _faults[pending.Index].DetectedAs is null)
                    {
                        _faults[pending.Index] = _faults[pending.Index] with { DetectedAs = state.Error?.GetType().Name ?? "unknown" };
                    }
                }

                break;
            case AdapterStatus.Faulted:
                Fail(state.Error is DeribitAuthenticationException refused
                    ? new DemoException(DemoError.BadCredentials, $"{refused.Message} ({ArgumentParser.ClientIdVariable} / {ArgumentParser.ClientSecretVariable})", refused)
                    : new DemoException(DemoError.Unreachable, $"The adapter gave up on {_adapter?.Options.Url}: {state.Reason}", state.Error));
                break;
        }
    }

    private void OnLive(AdapterState state)
    {
        _firstLive.TrySetResult();
        FaultRecord? recovered = null;
        lock (_gate)
        {
            var previous = _lastLiveEpoch;
            _lastLiveEpoch = state.Epoch;
            if (_pending is { } pending && state.Epoch > _faults[pending.Index].EpochBefore)
            {
                recovered = _faults[pending.Index] = _faults[pending.Index] with { RecoveredAt = Elapsed, EpochAfter = state.Epoch };
                _pending = null;
                pending.Done.TrySetResult();
            }
            else if (previous == 0 || state.Epoch == previous)
            {
                return;
            }
        }

        Log(DemoEventKind.Recovery, recovered is null
            ? $"reconnected without an injected fault: live on epoch {state.Epoch}"
            : $"recovered from fault {recovered.Number} ({recovered.Kind}) in {recovered.RecoveryTime!.Value.TotalSeconds:0.00} s: live on epoch {state.Epoch}, detected as {recovered.DetectedAs ?? "-"}");
    }

    private void OnBook(ChannelMessage<BookUpdate> message)
    {
        lock (_gate)
        {
            _book.Apply(message.Data);
            _top = _book.IsReady ? _book.Top() : null;
        }

        if (message.Data.Kind != BookUpdateKind.Reset)
        {
            Count(message.Channel, message.Epoch);
        }
    }

    private void OnTicker(ChannelMessage<Ticker> message)
    {
        lock (_gate)
        {
            _tickerBid = message.Data.BestBidPrice;
        }

        Count(message.Channel, message.Epoch);
    }

    private void Count(string channel, int epoch)
    {
        _meter!.Record(channel, epoch);
        _timeline.RecordMessage(channel, _time.GetUtcNow());
    }

    private void OnUserOrder(ChannelMessage<Order> message)
    {
        Count(message.Channel, message.Epoch);
        if (message.Data.CancelReason == "cancel_on_disconnect")
        {
            Log(DemoEventKind.Order, $"user.orders on epoch {message.Epoch}: {message.Data.OrderId} cancelled by cancel_on_disconnect");
        }
    }

    private void OnChannelError(Exception error) => Fail(error is SubscriptionRejectedException rejected
        ? new DemoException(DemoError.Refused, rejected.Message, rejected)
        : new DemoException(DemoError.Unreachable, $"A stream ended: {error.Message}", error));

    private decimal? BestBid()
    {
        lock (_gate)
        {
            return _top?.BestBid ?? _tickerBid;
        }
    }

    /// <summary>Checks the ended connections' orders and places a new one, once per new connection.</summary>
    private async Task RunOrdersAsync(CancellationToken token)
    {
        await foreach (var session in _sessions.Reader.ReadAllAsync(token))
        {
            if (_desk is null)
            {
                continue;
            }

            try
            {
                await _desk.OnLiveAsync(session, token);
            }
            catch (JsonRpcException refused)
            {
                Fail(new DemoException(DemoError.Refused, $"The exchange refused the resting order: {refused.Message}", refused));
                return;
            }
        }
    }

    /// <summary>Until the duration is over: wait, inject the next fault, wait for the recovery.</summary>
    private async Task RunFaultsAsync(CancellationToken token)
    {
        while (true)
        {
            var remaining = _settings.Duration - Elapsed;
            if (_injector is null || remaining < _settings.FaultInterval)
            {
                if (remaining > TimeSpan.Zero)
                {
                    await Task.Delay(remaining, token);
                }

                return;
            }

            await Task.Delay(_settings.FaultInterval, token);

            // Each fault should hit a connection with an order resting on it, to show cancel-on-disconnect at work.
            await WaitUntilAsync(() => _desk is null || _desk.On(Volatile.Read(ref _lastLiveEpoch)) is not null, SettleTimeout, token);
            var (kind, detail, inject) = _injector.Next();
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            FaultRecord fault;
            lock (_gate)
            {
                fault = new FaultRecord(_faults.Count + 1, kind, detail, Elapsed, _lastLiveEpoch);
                _faults.Add(fault);
                _pending = (_faults.Count - 1, done);
            }

            Log(DemoEventKind.Fault, $"fault {fault.Number}: {kind} ({detail}) on epoch {fault.EpochBefore}");
            inject();
            try
            {
                await done.Task.WaitAsync(RecoveryTimeout, token);
            }
            catch (TimeoutException)
            {
                Log(DemoEventKind.Problem, $"fault {fault.Number} ({kind}) not recovered within {RecoveryTimeout.TotalSeconds:0} s; faults stop");
                _injector.Reset();
                return;
            }
        }
    }

    /// <summary>Waits (bounded) until every channel has delivered on the last connection and its order work is done.</summary>
    private Task SettleAsync(CancellationToken token) => WaitUntilAsync(IsSettled, SettleTimeout, token);

    private async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, CancellationToken token)
    {
        var until = Elapsed + timeout;
        while (!condition() && Elapsed < until)
        {
            await Task.Delay(Poll, token);
        }
    }

    private bool IsSettled()
    {
        var adapter = _adapter!;
        var epoch = adapter.Health.Epoch;
        return adapter.CurrentState.Status == AdapterStatus.Live
            && _meter!.Read().All(c => c.LastEpoch == epoch)
            && (_desk?.IsSettled(epoch) ?? true);
    }

    private DemoSummary Summarize(DeribitAdapter adapter, bool stoppedByUser)
    {
        List<FaultRecord> faults;
        lock (_gate)
        {
            faults = [.. _faults];
        }

        return SummaryBuilder.Build(new DemoSummary
        {
            Target = _target,
            Elapsed = Elapsed,
            StoppedByUser = stoppedByUser,
            Faults = faults,
            Reconnects = adapter.Health.Reconnects,
            FinalEpoch = adapter.Health.Epoch,
            FinalStatus = adapter.CurrentState.Status,
            Channels = _meter!.Read(),
            Timeline = _timeline.Read(),
            Orders = _desk?.Orders ?? [],
            Problems = [],
        });
    }

    private void Log(DemoEventKind kind, string text)
    {
        var line = new DemoEvent(Elapsed, kind, text);
        lock (_gate)
        {
            _log.Add(line);
        }

        _events.OnNext(line);
    }

    /// <summary>Keeps the first failure and stops the run; the cancellation runs off this thread (often the adapter's).</summary>
    private void Fail(DemoException failure)
    {
        if (Interlocked.CompareExchange(ref _fatal, failure, null) is null)
        {
            _cancelling = _abort.CancelAsync();
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
            // Stopping: the order work ends where it was.
        }
    }
}
