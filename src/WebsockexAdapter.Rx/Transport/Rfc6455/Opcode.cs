namespace WebsockexAdapter.Rx;

/// <summary>The frame opcodes RFC 6455 defines (section 5.2); every other value is refused.</summary>
internal enum Opcode : byte
{
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA,
}
