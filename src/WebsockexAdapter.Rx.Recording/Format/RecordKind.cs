namespace WebsockexAdapter.Rx.Recording;

/// <summary>What one recorded event is. The numbers are the file's: never renumber, only add.</summary>
public enum RecordedEventKind : byte
{
    /// <summary>A connection attempt began (<see cref="RecordedEvent.Detail"/> is the address).</summary>
    ConnectStarted = 1,

    /// <summary>The opening handshake succeeded (<see cref="RecordedEvent.Detail"/> is the sub-protocol, if any).</summary>
    Connected = 2,

    /// <summary>The opening handshake failed (<see cref="RecordedEvent.Detail"/> is the error, <see cref="RecordedEvent.HttpStatus"/> its HTTP status if the server refused the upgrade).</summary>
    ConnectFailed = 3,

    /// <summary>A frame arrived (<see cref="RecordedEvent.Frame"/>), a server's close frame included.</summary>
    Received = 4,

    /// <summary>A frame was sent (<see cref="RecordedEvent.Frame"/>).</summary>
    Sent = 5,

    /// <summary>The connection broke while receiving (<see cref="RecordedEvent.Detail"/> is the error): a drop.</summary>
    Dropped = 6,

    /// <summary>This side started a closing handshake (<see cref="RecordedEvent.CloseStatus"/>, <see cref="RecordedEvent.Detail"/>).</summary>
    CloseRequested = 7,

    /// <summary>This side tore the socket down without a handshake (a watchdog, a timeout, a dispose).</summary>
    Aborted = 8,

    /// <summary>The client released the socket: the last event of every connection.</summary>
    Released = 9,
}
