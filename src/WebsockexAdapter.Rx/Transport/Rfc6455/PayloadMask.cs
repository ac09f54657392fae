using System.Runtime.InteropServices;

namespace WebsockexAdapter.Rx;

/// <summary>RFC 6455's masking (section 5.3): every payload byte XOR the key byte at its position modulo 4.</summary>
internal static class PayloadMask
{
    /// <summary>Writes <paramref name="source"/> masked with <paramref name="key"/> into <paramref name="destination"/>.</summary>
    /// <param name="source">The payload, or a part of it that starts at a multiple of 4.</param>
    /// <param name="destination">At least as long as <paramref name="source"/>.</param>
    /// <param name="key">The 4-byte masking key.</param>
    public static void Apply(ReadOnlySpan<byte> source, Span<byte> destination, ReadOnlySpan<byte> key)
    {
        Span<byte> repeated = stackalloc byte[8];
        key.CopyTo(repeated);
        key.CopyTo(repeated[4..]);
        var wide = MemoryMarshal.Read<ulong>(repeated);
        var i = 0;
        for (; i + 8 <= source.Length; i += 8)
        {
            MemoryMarshal.Write(destination[i..], MemoryMarshal.Read<ulong>(source[i..]) ^ wide);
        }

        for (; i < source.Length; i++)
        {
            destination[i] = (byte)(source[i] ^ key[i & 3]);
        }
    }
}
