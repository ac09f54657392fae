using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using WebsockexAdapter.Rx.Simulator.Auth;
using WebsockexAdapter.Rx.Simulator.Faults;
using WebsockexAdapter.Rx.Simulator.Heartbeat;
using WebsockexAdapter.Rx.Simulator.Observability;
using WebsockexAdapter.Rx.Simulator.Orders;
using WebsockexAdapter.Rx.Simulator.RateLimiting;
using WebsockexAdapter.Rx.Simulator.Subscriptions;

namespace WebsockexAdapter.Rx.Simulator.Connections;

/// <summary>
/// One client connection's state: auth, heartbeat, subscriptions, credits, cancel-on-disconnect, and what it has
/// called. Its loop lives in <see cref="ConnectionLoop"/>; everything here returns promptly.
/// </summary>
internal sealed class SimConnection : IDisposable
{
    private readonly HttpContext _http;
    private readonly SimulatorState _state;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly TaskCompletionSource _abandoned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly KillCounter _kill;
    private volatile StrongBox<DateTimeOffset>? _closedAt;
    private int _cancelOnDisconnectDone;
    private string? _closeReason;

    public SimConnection(int id, HttpContext http, WebSocket socket, SimulatorState state, StallGate stall)
    {
        Stall = stall;
        Id = id;
        _http = http;
        _state = state;
        Socket = socket;
        OpenedAt = state.Clock.GetUtcNow();
        Heartbeat = new HeartbeatMonitor(this, state);
        Subscriptions = new SubscriptionSet(this, state);
        Credits = new CreditBucket(state.Options.RateLimit, state.Clock);
        Replies = new ReplyScheduler(this, state);
        _kill = new KillCounter(state.Faults.KillAfter);
        Lifetime = _lifetime.Token;
        Outbox.Sent += OnSent;
    }

    public int Id { get; }

    public MethodLog Methods { get; } = new();

    public DateTimeOffset OpenedAt { get; }

    /// <summary>
    /// Written once by the connection's loop and read by snapshots on other threads: kept behind a reference, so a read
    /// sees either no time or the whole time, never a torn <see cref="DateTimeOffset"/>.
    /// </summary>
    public DateTimeOffset? ClosedAt => _closedAt?.Value;

    public WebSocket Socket { get; }

    public Outbox Outbox { get; } = new();

    /// <summary>Holds reading and writing while the stall fault is on; shared with the upgraded stream, so pongs wait too.</summary>
    public StallGate Stall { get; }

    public HeartbeatMonitor Heartbeat { get; }

    public SubscriptionSet Subscriptions { get; }

    public CreditBucket Credits { get; }

    public ReplyScheduler Replies { get; }

    /// <summary>Cancelled when the connection ends; captured once, so it stays readable after the source is disposed.</summary>
    public CancellationToken Lifetime { get; }

    public AuthSession? Auth { get; private set; }

    /// <summary>Cancel-on-disconnect set on this connection; null follows the account's setting.</summary>
    public bool? CancelOnDisconnect { get; set; }

    /// <summary>True once the server has decided to end the connection: further requests are not handled.</summary>
    public bool IsClosing { get; private set; }

    public bool IsClosed => ClosedAt is not null;

    /// <summary>The first reason recorded for the end of the connection.</summary>
    public string? CloseReason => Volatile.Read(ref _closeReason);

    public void Authenticate(AuthSession session)
    {
        Auth = session;
        _state.Changes.Notify();
    }

    public void SetCloseReason(string reason) => Interlocked.CompareExchange(ref _closeReason, reason, null);

    /// <summary>Sends a close frame after what is already queued; the loop aborts if the client does not answer it.</summary>
    public void RequestClose(WebSocketCloseStatus status, string reason)
    {
        SetCloseReason(reason);
        IsClosing = true;
        Outbox.EnqueueClose(status, reason);
    }

    /// <summary>Ends the connection with no close frame and a TCP reset, losing whatever is still in flight.</summary>
    public void Abort(string reason)
    {
        SetCloseReason(reason);
        IsClosing = true;
        SocketAborter.Abort(_http);
        Socket.Abort();
        Cancel();
    }

    /// <summary>
    /// Ends the connection with no close frame but lets what was sent reach the client first: the loop stops and
    /// Kestrel flushes and closes the TCP connection in order.
    /// </summary>
    public void Abandon(string reason)
    {
        SetCloseReason(reason);
        IsClosing = true;
        Outbox.Halt();
        _abandoned.TrySetResult();
    }

    /// <summary>Completes when <see cref="Abandon"/> is called.</summary>
    public Task Abandoned => _abandoned.Task;

    /// <summary>The heartbeat failed: orders go first, then the close frame, as the exchange does it.</summary>
    public void FailHeartbeat()
    {
        FireCancelOnDisconnect();
        RequestClose(WebSocketCloseStatus.PolicyViolation, "heartbeat timeout: test_request not answered");
    }

    public void KillAfter(int messages) => _kill.Set(messages);

    /// <summary>Logout ends the connection without cancelling orders.</summary>
    public void SuppressCancelOnDisconnect() => Interlocked.Exchange(ref _cancelOnDisconnectDone, 1);

    public void FireCancelOnDisconnect()
    {
        if (Interlocked.Exchange(ref _cancelOnDisconnectDone, 1) == 1 || Auth is not { } auth)
        {
            return;
        }

        if (CancelOnDisconnectSettings.IsEnabled(this, _state))
        {
            _state.Orders.CancelByConnection(auth.ClientId, Id, "cancel_on_disconnect");
        }
    }

    public void Cancel()
    {
        try
        {
            _lifetime.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Cancelled and disposed already: the loop has ended.
        }
    }

    public void CancelAfter(TimeSpan delay)
    {
        try
        {
            _lifetime.CancelAfter(delay);
        }
        catch (ObjectDisposedException)
        {
            // The loop has ended already.
        }
    }

    public void MarkClosed()
    {
        IsClosing = true;
        _closedAt = new StrongBox<DateTimeOffset>(_state.Clock.GetUtcNow());
        SetCloseReason("closed");
    }

    public void Dispose() => _lifetime.Dispose();

    public SimulatedConnectionInfo Snapshot() => ConnectionSnapshot.Take(this, _state);

    private void OnSent()
    {
        if (_kill.CountSent())
        {
            Abandon("killed after the configured number of messages");
        }
    }
}
