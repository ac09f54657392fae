using System.Net.WebSockets;

namespace WebsockexAdapter.Rx.Recording;

/// <summary>One thing that happened on a recorded connection, at the time the client's scheduler gave it.</summary>
public sealed class RecordedEvent
{
    internal RecordedEvent(RecordedEventKind kind, DateTimeOffset time, int connection)
    {
        Kind = kind;
        Time = time;
        Connection = connection;
    }

    /// <summary>What happened.</summary>
    public RecordedEventKind Kind { get; }

    /// <summary>When it happened, on the recording client's scheduler (UTC).</summary>
    public DateTimeOffset Time { get; }

    /// <summary>The connection attempt it belongs to, numbered from 0 in the order the client made them.</summary>
    public int Connection { get; }

    /// <summary>The frame of a <see cref="RecordedEventKind.Received"/> or <see cref="RecordedEventKind.Sent"/> event.</summary>
    public Frame? Frame { get; internal init; }

    /// <summary>The address, sub-protocol, error or close description, depending on <see cref="Kind"/>.</summary>
    public string? Detail { get; internal init; }

    /// <summary>The HTTP status of a refused upgrade (<see cref="RecordedEventKind.ConnectFailed"/>), if any.</summary>
    public int? HttpStatus { get; internal init; }

    /// <summary>The status of a <see cref="RecordedEventKind.CloseRequested"/> event.</summary>
    public WebSocketCloseStatus? CloseStatus { get; internal init; }

    /// <summary>A short description for logs; never the payload.</summary>
    public override string ToString() => $"{Time:O} #{Connection} {Kind}{(Frame is null ? string.Empty : " " + Frame)}";
}
