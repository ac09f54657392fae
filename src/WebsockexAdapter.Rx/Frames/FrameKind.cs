namespace WebsockexAdapter.Rx;

/// <summary>The kind of a WebSocket message, after reassembly of its fragments.</summary>
public enum FrameKind : byte
{
    /// <summary>A UTF-8 text message.</summary>
    Text,

    /// <summary>A binary message.</summary>
    Binary,

    /// <summary>A ping control frame.</summary>
    Ping,

    /// <summary>A pong control frame.</summary>
    Pong,

    /// <summary>A close control frame, carrying a status and a description.</summary>
    Close,
}
