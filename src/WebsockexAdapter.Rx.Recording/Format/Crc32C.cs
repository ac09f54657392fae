using System.Buffers.Binary;
using System.Numerics;

namespace WebsockexAdapter.Rx.Recording;

/// <summary>CRC-32C (Castagnoli) on <see cref="BitOperations.Crc32C(uint, ulong)"/>, hardware-accelerated where the CPU has it.</summary>
internal static class Crc32C
{
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        var state = ~crc;
        while (data.Length >= 8)
        {
            state = BitOperations.Crc32C(state, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }

        foreach (var b in data)
        {
            state = BitOperations.Crc32C(state, b);
        }

        return ~state;
    }
}
