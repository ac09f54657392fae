using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using WebsockexAdapter.Rx.Deribit;
using WebsockexAdapter.Rx.JsonRpc;
using WebsockexAdapter.Rx.Reliability.Tests.Support;

namespace WebsockexAdapter.Rx.Reliability.Tests.Chaos;

/// <summary>
/// A strategy-like consumer: a book built from <see cref="DeribitAdapter.SubscribeBook"/>, ticker, trades and the
/// account's orders, and a steady trickle of private calls. It checks what it can see on every message (no book change
/// across a gap, no call outliving its bound, only typed errors) and counts the rest for the soak to await.
/// </summary>
internal sealed class ChaosStrategy : IDisposable
{
    public const string Instrument = "BTC-PERPETUAL";

    private readonly DeribitAdapter _adapter;
    private readonly TimeSpan _callBound;
    private readonly CompositeDisposable _subscriptions = [];
    private readonly ConcurrentDictionary<Task, byte> _calls = new();
    private readonly ConcurrentDictionary<Task, byte> _pendingOnTheWire = new();
    private readonly ConcurrentDictionary<Task, byte> _lossChecks = new();
    private readonly BackoffEnvelope _backoff;

    // Written only by the States observer, which Rx calls one state at a time.
    private bool _liveSinceLastRetry;
    private bool _seriesBeganWithADrop;
    private readonly ConcurrentDictionary<string, int> _orderUpdates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _callOutcomes = new(StringComparer.Ordinal);
    private readonly OrderBook _book = new();
    private readonly object _bookGate = new();
    private int _epoch;
    private int _reconnecting;
    private int _bookEpoch;
    private int _tickerEpoch;
    private int _tradesEpoch;
    private long _bookMessages;
    private long _tickers;
    private long _trades;
    private long _userOrders;
    private long _bookResets;
    private long _gapResets;
    private long _snapshots;
    private long _gapRepairs;
    private bool _awaitingRepair;
    private long _callsDone;
    private long _callsSucceeded;
    private int _inFlight;
    private long _pendingAtDrops;
    private long _slowestFailAtDropTicks;

    public ChaosStrategy(DeribitAdapter adapter, TimeSpan callBound, BackoffOptions backoff, Conditions conditions, ConcurrentQueue<string> violations)
    {
        _adapter = adapter;
        _backoff = new BackoffEnvelope(backoff);
        _callBound = callBound;
        Conditions = conditions;
        Violations = violations;
    }

    public DeribitAdapter Adapter => _adapter;

    public Conditions Conditions { get; }

    public ConcurrentQueue<string> Violations { get; }

    /// <summary>The ToString of every error and state seen, for the secrets check (drained as it is checked).</summary>
    public ConcurrentQueue<string> Descriptions { get; } = new();

    public int Epoch => Volatile.Read(ref _epoch);

    public int Reconnecting => Volatile.Read(ref _reconnecting);

    public int BookEpoch => Volatile.Read(ref _bookEpoch);

    public int TickerEpoch => Volatile.Read(ref _tickerEpoch);

    public int TradesEpoch => Volatile.Read(ref _tradesEpoch);

    public long BookMessages => Interlocked.Read(ref _bookMessages);

    public long Delivered => BookMessages + Interlocked.Read(ref _tickers) + Interlocked.Read(ref _trades) + Interlocked.Read(ref _userOrders);

    public long GapResets => Interlocked.Read(ref _gapResets);

    public long Snapshots => Interlocked.Read(ref _snapshots);

    /// <summary>Gap resets followed by their fresh snapshot (counted at the snapshot, so no waiter can miss it).</summary>
    public long GapRepairs => Interlocked.Read(ref _gapRepairs);

    public long CallsDone => Interlocked.Read(ref _callsDone);

    public long CallsSucceeded => Interlocked.Read(ref _callsSucceeded);

    public IReadOnlyDictionary<string, int> CallOutcomes => _callOutcomes;

    /// <summary>Calls that were waiting for their reply when a connection was lost, and the slowest of them to fail.</summary>
    public string DropFigures =>
        $"{Interlocked.Read(ref _pendingAtDrops)} calls pending at a drop, the slowest failed after {TimeSpan.FromTicks(Interlocked.Read(ref _slowestFailAtDropTicks)).TotalMilliseconds:0} ms; " +
        $"{_backoff.Checked} reconnect delays checked against the backoff";

    public string Figures =>
        $"book {BookMessages} (resets {Interlocked.Read(ref _bookResets)}, gap resets {GapResets}, snapshots {Snapshots}), " +
        $"ticker {Interlocked.Read(ref _tickers)}, trades {Interlocked.Read(ref _trades)}, user.orders {Interlocked.Read(ref _userOrders)}";

    public void Start()
    {
        _subscriptions.Add(_adapter.States.Subscribe(state =>
        {
            Descriptions.Enqueue($"{state} {state.Error}");
            if (state.Status == AdapterStatus.Live)
            {
                _liveSinceLastRetry = true;
            }

            if (state.Status == AdapterStatus.Reconnecting)
            {
                ExpectPendingCallsLost();
                if (state.Attempt == 2)
                {
                    _seriesBeganWithADrop = _liveSinceLastRetry;
                }

                _liveSinceLastRetry = false;
                if (_backoff.Problem(state, _seriesBeganWithADrop) is { } problem)
                {
                    Violations.Enqueue(problem);
                }

                Interlocked.Increment(ref _reconnecting);
                Conditions.Notify();
            }
        }));
        _subscriptions.Add(_adapter.Connections.Subscribe(
            session =>
            {
                Descriptions.Enqueue(session.ToString());
                Volatile.Write(ref _epoch, session.Epoch);
                Conditions.Notify();
            },
            error => Violations.Enqueue($"the adapter gave up: {error.GetType().Name}: {error.Message}")));
        _subscriptions.Add(_adapter.SubscribeBook(Instrument).Subscribe(OnBook, OnStreamError("book")));
        _subscriptions.Add(_adapter.SubscribeTicker(Instrument).Subscribe(
            m => Count(ref _tickers, ref _tickerEpoch, m.Epoch), OnStreamError("ticker")));
        _subscriptions.Add(_adapter.SubscribeTrades(Instrument).Subscribe(
            m => Count(ref _trades, ref _tradesEpoch, m.Epoch), OnStreamError("trades")));
        _subscriptions.Add(_adapter.SubscribeUserOrders(Instrument).Subscribe(
            m =>
            {
                Interlocked.Increment(ref _userOrders);
                _orderUpdates[m.Data.OrderId] = m.Epoch;
                Conditions.Notify();
            },
            OnStreamError("user.orders")));

        // A steady trickle of private calls, as a strategy polling its orders would make; at most four at once.
        _subscriptions.Add(Observable.Interval(TimeSpan.FromMilliseconds(200)).Subscribe(tick =>
        {
            if (Volatile.Read(ref _inFlight) < 4)
            {
                var call = CallOnceAsync();
                _calls[call] = 0;
                _ = call.ContinueWith(done => _calls.TryRemove(done, out _), TaskScheduler.Default);
            }
        }));
    }

    /// <summary>Whether the account's order update for <paramref name="orderId"/> arrived on <paramref name="epoch"/> or later.</summary>
    public bool OrderUpdateSeen(string orderId, int epoch) => _orderUpdates.TryGetValue(orderId, out var seen) && seen >= epoch;

    /// <summary>Waits for the calls still running and the checks of calls a drop caught; each is bounded, so this ends.</summary>
    public Task DrainCallsAsync(TimeSpan timeout) => Task.WhenAll(_calls.Keys.Concat(_lossChecks.Keys)).WaitAsync(timeout);

    public void Dispose() => _subscriptions.Dispose();

    private async Task CallOnceAsync()
    {
        Interlocked.Increment(ref _inFlight);
        var clock = Stopwatch.StartNew();
        string outcome;
        try
        {
            var call = _adapter.GetOpenOrdersAsync(Instrument);
            _pendingOnTheWire[call] = 0;
            try
            {
                await call.WaitAsync(_callBound).ConfigureAwait(false);
            }
            finally
            {
                _pendingOnTheWire.TryRemove(call, out _);
            }

            outcome = "ok";
            Interlocked.Increment(ref _callsSucceeded);
        }
        catch (TimeoutException error) when (error is not JsonRpcTimeoutException)
        {
            outcome = "hung";
            Violations.Enqueue($"a call was still pending after {_callBound.TotalSeconds} s (its timeout is far shorter)");
        }
        catch (Exception error) when (error is WebSocketClientException or JsonRpcException or JsonRpcTimeoutException or RateLimitExceededException)
        {
            outcome = error is JsonRpcException rpc ? $"JsonRpcException {rpc.Code}" : error.GetType().Name;
            Descriptions.Enqueue(error.ToString());
        }
#pragma warning disable CA1031 // Anything else is the finding: an untyped error escaped the adapter.
        catch (Exception error)
#pragma warning restore CA1031
        {
            outcome = "untyped " + error.GetType().Name;
            Violations.Enqueue($"a call failed with an untyped error: {error}");
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }

        _callOutcomes.AddOrUpdate(outcome, 1, static (_, n) => n + 1);
        Interlocked.Increment(ref _callsDone);
        Conditions.Notify();
    }

    /// <summary>
    /// The connection is lost: every call still waiting for its reply must fail with <see cref="ConnectionLostException"/>
    /// within 100 ms, not wait for its own timeout.
    /// </summary>
    private void ExpectPendingCallsLost()
    {
        foreach (var call in _pendingOnTheWire.Keys)
        {
            var check = ExpectLostAsync(call);
            _lossChecks[check] = 0;
            _ = check.ContinueWith(done => _lossChecks.TryRemove(done, out _), TaskScheduler.Default);
        }
    }

    private async Task ExpectLostAsync(Task call)
    {
        var clock = Stopwatch.StartNew();
        Interlocked.Increment(ref _pendingAtDrops);
        try
        {
            await call.WaitAsync(TimeSpan.FromMilliseconds(100)).ConfigureAwait(false);
        }
        catch (TimeoutException error) when (error is not JsonRpcTimeoutException)
        {
            Violations.Enqueue("a call pending at a drop was still pending 100 ms after the adapter saw the connection lost");
        }
        catch (JsonRpcTimeoutException)
        {
            Violations.Enqueue("a call pending at a drop timed out instead of failing with ConnectionLostException");
        }
#pragma warning disable CA1031 // Answered before the drop, or failed as it should: both fine here; the call's own outcome is counted by CallOnceAsync.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        var took = clock.Elapsed.Ticks;
        long slowest;
        while (took > (slowest = Interlocked.Read(ref _slowestFailAtDropTicks)) && Interlocked.CompareExchange(ref _slowestFailAtDropTicks, took, slowest) != slowest)
        {
        }
    }

    private void OnBook(ChannelMessage<BookUpdate> message)
    {
        var update = message.Data;
        lock (_bookGate)
        {
            switch (update.Kind)
            {
                case BookUpdateKind.Reset:
                    Interlocked.Increment(ref _bookResets);
                    if (update.ResetReason?.StartsWith("gap", StringComparison.Ordinal) == true)
                    {
                        Interlocked.Increment(ref _gapResets);
                        _awaitingRepair = true;
                    }

                    break;
                case BookUpdateKind.Snapshot:
                    Interlocked.Increment(ref _snapshots);
                    if (_awaitingRepair)
                    {
                        _awaitingRepair = false;
                        Interlocked.Increment(ref _gapRepairs);
                    }

                    break;
                case BookUpdateKind.Change when !_book.HasSnapshot:
                    Violations.Enqueue($"a book change ({update.ChangeId}) was delivered with no snapshot since the last reset");
                    break;
                case BookUpdateKind.Change when update.PrevChangeId != _book.ChangeId:
                    Violations.Enqueue($"a book change was applied across a gap: prev_change_id {update.PrevChangeId}, last applied {_book.ChangeId}");
                    break;
                case BookUpdateKind.Change:
                    var epoch = Volatile.Read(ref _bookEpoch);
                    if (message.Epoch > epoch)
                    {
                        Volatile.Write(ref _bookEpoch, message.Epoch);
                    }

                    break;
            }

            _book.Apply(update);
        }

        Interlocked.Increment(ref _bookMessages);
        Conditions.Notify();
    }

    private void Count(ref long count, ref int lastEpoch, int epoch)
    {
        Interlocked.Increment(ref count);
        if (epoch > Volatile.Read(ref lastEpoch))
        {
            Volatile.Write(ref lastEpoch, epoch);
        }

        Conditions.Notify();
    }

    private Action<Exception> OnStreamError(string stream) =>
        error => Violations.Enqueue($"the {stream} stream ended with {error.GetType().Name}: {error.Message}");
}
