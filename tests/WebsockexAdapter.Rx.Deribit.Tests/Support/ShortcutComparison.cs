using System.Text;

namespace WebsockexAdapter.Rx.Deribit.Tests.Support;

/// <summary>A one-scan shortcut's read: true, with the value, if it took the bytes.</summary>
internal delegate bool Shortcut<T>(byte[] utf8, out T value);

/// <summary>
/// Holds a decoder's one-scan shortcut to its reader: the decode as a whole (the shortcut, else the reader) gives the
/// reader's value or its refusal, and whatever the shortcut reads, it reads to the reader's value.
/// </summary>
internal sealed class ShortcutComparison<T>(Func<byte[], T> reader, Func<byte[], T> decode, Shortcut<T> shortcut)
{
    /// <summary>What an edit puts in: JSON's structure, digits, letters of literals, whitespace, control and non-ASCII bytes.</summary>
    private static readonly byte[] EditBytes = [.. "\"\\,:[]{}0123456789-+.eEntfulx _\t\u007f"u8, 0x00, 0xC3, 0xA9, 0xFF];

    /// <summary>Compares the three on <paramref name="utf8"/>; 1 if the shortcut read it, else 0.</summary>
    public int Compare(byte[] utf8)
    {
        var text = Encoding.UTF8.GetString(utf8);
        var expected = DecodedText.Of(() => reader(utf8));
        Assert.True(expected == DecodedText.Of(() => decode(utf8)), text);
        if (!shortcut(utf8, out var value))
        {
            return 0;
        }

        Assert.True(expected == DecodedText.Of(value), $"the shortcut read {text} as {DecodedText.Of(value)}, the reader as {expected}");
        return 1;
    }

    /// <summary>Compares on every variant <see cref="JsonVariants"/> makes of <paramref name="json"/>; how many the shortcut read, of how many.</summary>
    public (int Read, int Variants) CompareVariants(string json)
    {
        var read = 0;
        var variants = 0;
        foreach (var variant in JsonVariants.Of(json))
        {
            variants++;
            read += Compare(Encoding.UTF8.GetBytes(variant));
        }

        return (read, variants);
    }

    /// <summary>Compares on every deletion of one byte, and every replacement and insertion of one of <see cref="EditBytes"/>; how many the shortcut read.</summary>
    public int CompareOneByteEdits(byte[] utf8)
    {
        var read = 0;
        for (var at = 0; at < utf8.Length; at++)
        {
            read += Compare([.. utf8[..at], .. utf8[(at + 1)..]]);
            foreach (var b in EditBytes)
            {
                read += Compare([.. utf8[..at], b, .. utf8[(at + 1)..]]);
                read += Compare([.. utf8[..at], b, .. utf8[at..]]);
            }
        }

        return read;
    }
}
