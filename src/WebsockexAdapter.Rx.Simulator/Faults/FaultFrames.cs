using System.Text;

namespace WebsockexAdapter.Rx.Simulator.Faults;

/// <summary>The frames the "send something wrong" faults write.</summary>
internal static class FaultFrames
{
    /// <summary>The id of the reply to a request nobody sent.</summary>
    public const long UnknownReplyId = 987_654_321;

    public static readonly byte[] MalformedJson = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","method":"subscription","params":{"channel":""");

    /// <summary>A JSON-looking text frame with bytes that are not UTF-8 (0xC3 0x28 is an invalid two-byte sequence).</summary>
    public static readonly byte[] InvalidUtf8 = [.. "{\"jsonrpc\":\"2.0\",\"method\":\"x"u8, 0xC3, 0x28, 0xFF, .. "\"}"u8];

    public static byte[] UnknownReply(long usNow) => Encoding.UTF8.GetBytes(
        $$"""{"jsonrpc":"2.0","id":{{UnknownReplyId}},"result":"ok","usIn":{{usNow}},"usOut":{{usNow}},"usDiff":0,"testnet":true}""");

    /// <summary>A valid notification padded to exactly <paramref name="bytes"/> bytes (or its minimal size, if larger).</summary>
    public static byte[] Oversized(int bytes)
    {
        const string Head = "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"sim.oversized\",\"data\":\"";
        const string Tail = "\"}}";
        var padding = Math.Max(0, bytes - Head.Length - Tail.Length);
        return Encoding.UTF8.GetBytes(Head + new string('x', padding) + Tail);
    }
}
