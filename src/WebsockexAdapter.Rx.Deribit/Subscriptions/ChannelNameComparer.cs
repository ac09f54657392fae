using System.Text;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// Channel names compared as strings, ordinally, and looked up by a notification's UTF-8 bytes without making chars of
/// them: an ASCII name hashes and compares byte for char (every channel name the exchange writes is ASCII); any other
/// is transcoded first, so both ways agree on every name.
/// </summary>
internal sealed class ChannelNameComparer : IEqualityComparer<string>, IAlternateEqualityComparer<ReadOnlySpan<byte>, string>
{
    private const int Longest = 256;

    public static ChannelNameComparer Instance { get; } = new();

    public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

    public int GetHashCode(string obj) => Hash(obj.AsSpan());

    public bool Equals(ReadOnlySpan<byte> alternate, string other) =>
        Ascii.IsValid(alternate) ? Ascii.Equals(alternate, other) : Encoding.UTF8.GetString(alternate) == other;

    public int GetHashCode(ReadOnlySpan<byte> alternate)
    {
        if (Ascii.IsValid(alternate))
        {
            var hash = Seed;
            foreach (var b in alternate)
            {
                hash = (hash ^ b) * Prime;
            }

            return (int)hash;
        }

        // UTF-8 never takes fewer bytes than UTF-16 takes chars.
        return alternate.Length <= Longest ? HashOfChars(alternate) : Hash(Encoding.UTF8.GetString(alternate));
    }

    public string Create(ReadOnlySpan<byte> alternate) => Encoding.UTF8.GetString(alternate);

    private const uint Seed = 2166136261;
    private const uint Prime = 16777619;

    private static int HashOfChars(ReadOnlySpan<byte> utf8)
    {
        Span<char> chars = stackalloc char[utf8.Length];
        var written = Encoding.UTF8.GetChars(utf8, chars);
        return Hash(chars[..written]);
    }

    /// <summary>FNV-1a over the UTF-16 code units: for an ASCII name the same as over its bytes.</summary>
    private static int Hash(ReadOnlySpan<char> chars)
    {
        var hash = Seed;
        foreach (var c in chars)
        {
            hash = (hash ^ c) * Prime;
        }

        return (int)hash;
    }
}
