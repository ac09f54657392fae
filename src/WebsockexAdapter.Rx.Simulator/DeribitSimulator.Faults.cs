using System.Net.WebSockets;
using WebsockexAdapter.Rx.Simulator.Faults;
using WebsockexAdapter.Rx.Simulator.Protocol;

namespace WebsockexAdapter.Rx.Simulator;

/// <summary>
/// Fault injection. Actions on "all connections" affect the connections alive now; settings (delay, reorder,
/// stopped heartbeats, refusal, kill-after) also apply to later ones until turned off or <see cref="ResetFaults"/>.
/// Every method returns at once.
/// </summary>
public sealed partial class DeribitSimulator
{
    /// <summary>Aborts every connection: no close frame, the TCP connection reset.</summary>
    public void DropAllConnections()
    {
        Injected("drop");
        foreach (var connection in _state.Registry.Live())
        {
            connection.Abort("dropped by fault injection");
        }
    }

    /// <summary>Drops every connection (<see cref="DropAllConnections"/>) and waits until the server has cleaned them up.</summary>
    /// <param name="timeout">How long to wait; <see cref="DefaultWaitTimeout"/> when null.</param>
    /// <returns>A task that completes when no connection is alive.</returns>
    public Task DropAllConnectionsAsync(TimeSpan? timeout = null)
    {
        DropAllConnections();
        return WaitForConnectionsAliveAsync(0, timeout);
    }

    /// <summary>Sends every connection a close frame with <paramref name="code"/> and <paramref name="reason"/>.</summary>
    /// <param name="code">A close code, 1000 to 4999 (e.g. 4000).</param>
    /// <param name="reason">The close reason (at most 123 UTF-8 bytes).</param>
    public void CloseAllConnections(int code, string reason)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(code, 1000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(code, 4999);
        ArgumentNullException.ThrowIfNull(reason);
        Injected($"close {code}");
        foreach (var connection in _state.Registry.Live())
        {
            connection.RequestClose((WebSocketCloseStatus)code, reason);
        }
    }

    /// <summary>Closes every connection (<see cref="CloseAllConnections"/>) and waits until the server has cleaned them up.</summary>
    /// <param name="code">A close code, 1000 to 4999.</param>
    /// <param name="reason">The close reason.</param>
    /// <param name="timeout">How long to wait; <see cref="DefaultWaitTimeout"/> when null.</param>
    /// <returns>A task that completes when no connection is alive.</returns>
    public Task CloseAllConnectionsAsync(int code, string reason, TimeSpan? timeout = null)
    {
        CloseAllConnections(code, reason);
        return WaitForConnectionsAliveAsync(0, timeout);
    }

    /// <summary>Stops (or resumes) reading and writing on every live connection; the sockets stay open.</summary>
    /// <param name="on">True to stall, false to resume.</param>
    public void Stall(bool on)
    {
        Injected(on ? "stall" : "unstall");
        foreach (var connection in _state.Registry.Live())
        {
            connection.Stall.Stall(on);
        }
    }

    /// <summary>Stops (or resumes) heartbeats and test_requests, and their checks, on every connection.</summary>
    /// <param name="on">True to stop them, false to resume.</param>
    public void StopHeartbeats(bool on)
    {
        Injected(on ? "stop heartbeats" : "resume heartbeats");
        _state.Faults.HeartbeatsStopped = on;
    }

    /// <summary>Answers new WebSocket upgrades with HTTP 503 for <paramref name="duration"/> (zero stops refusing).</summary>
    /// <param name="duration">How long to refuse.</param>
    public void RefuseConnections(TimeSpan duration)
    {
        Injected($"refuse for {duration}");
        _state.Faults.RefuseFor(duration);
    }

    /// <summary>Delays every reply by <paramref name="delay"/> (zero turns it off); notifications are not delayed.</summary>
    /// <param name="delay">The delay.</param>
    public void DelayReplies(TimeSpan delay)
    {
        Injected($"delay replies {delay}");
        _state.Faults.ReplyDelay = delay;
    }

    /// <summary>Swaps replies in pairs: each reply is held until the next is ready, which goes out first.</summary>
    /// <param name="on">True to reorder, false to stop.</param>
    public void ReorderReplies(bool on)
    {
        Injected(on ? "reorder replies" : "stop reordering");
        _state.Faults.ReorderReplies = on;
    }

    /// <summary>Sends every connection a text frame that is not valid JSON.</summary>
    public void SendMalformedJson() => SendToAll("malformed JSON", FaultFrames.MalformedJson);

    /// <summary>Sends every connection a text frame that is not valid UTF-8.</summary>
    public void SendInvalidUtf8() => SendToAll("invalid UTF-8", FaultFrames.InvalidUtf8);

    /// <summary>Sends every connection one valid notification of <paramref name="bytes"/> bytes.</summary>
    /// <param name="bytes">The frame's size in bytes.</param>
    public void SendOversizedFrame(int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytes);
        SendToAll($"oversized frame of {bytes} bytes", FaultFrames.Oversized(bytes));
    }

    /// <summary>Sends every connection a reply whose id (987654321) matches no request.</summary>
    public void SendUnknownReplyId() => SendToAll("unknown reply id", FaultFrames.UnknownReply(Microseconds.Now(_state.Clock)));

    /// <summary>Drops each current and new connection once the server has sent it <paramref name="messages"/> more messages (0 turns it off).</summary>
    /// <param name="messages">The number of messages.</param>
    public void KillAfterMessages(int messages)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(messages);
        Injected($"kill after {messages} messages");
        _state.Faults.KillAfter = messages;
        foreach (var connection in _state.Registry.Live())
        {
            connection.KillAfter(messages);
        }
    }

    /// <summary>Expires every access token now (refresh tokens stay valid): private requests answer 13009.</summary>
    public void ExpireAllTokens()
    {
        Injected("expire tokens");
        _state.Tokens.ExpireAll();
        _state.Changes.Notify();
    }

    /// <summary>The next request on any connection answers 10028 <c>too_many_requests</c>, and its session ends.</summary>
    public void ForceRateLimit()
    {
        Injected("force rate limit");
        _state.Faults.ForceRateLimit();
    }

    /// <summary>The next book change on any connection skips a change id, so its <c>prev_change_id</c> breaks the chain.</summary>
    public void InjectBookGap()
    {
        Injected("book gap");
        _state.Faults.InjectBookGap();
    }

    /// <summary>Turns every standing fault off and resumes stalled connections.</summary>
    public void ResetFaults()
    {
        Injected("reset");
        _state.Faults.Reset();
        foreach (var connection in _state.Registry.Live())
        {
            connection.Stall.Stall(false);
            connection.KillAfter(0);
        }
    }

    private void SendToAll(string fault, byte[] frame)
    {
        Injected(fault);
        foreach (var connection in _state.Registry.Live())
        {
            connection.Outbox.Enqueue(frame);
        }
    }

    private void Injected(string fault) => Log.FaultInjected(_state.Logger, fault);
}
