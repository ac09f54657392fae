using System.Text;

namespace WebsockexAdapter.Rx.Deribit;

/// <summary>
/// Channel names compared as strings, ordinally, and looked up by a notification's UTF-8 bytes without making chars of
/// them: an ASCII name hashes and compares byte for char (every channel name the exchange writes is ASCII); any other
/// is decoded first, so both ways agree on every name.
/// </summary>
internal sealed class ChannelNameComparer : IEqualityComparer<string>, IAlternateEqualityComparer<ReadOnlySpan<byte>, string>
{
    private const uint Seed = 2166136261;
    private const uint Prime = 16777619;

    public static ChannelNameComparer Instance { get; } = new();

    public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

    public int GetHashCode(string obj) => Hash(obj.AsSpan());

    // Ascii.Equals is false for any byte above ASCII, so only a name that is not ASCII is decoded.
    public bool Equals(ReadOnlySpan<byte> alternate, string other) =>
        Ascii.Equals(alternate, other) || (!Ascii.IsValid(alternate) && Encoding.UTF8.GetString(alternate) == other);

    public int GetHashCode(ReadOnlySpan<byte> alternate)
    {
        // FNV-1a over the bytes, in the same pass that finds out whether they are all ASCII (then it is the chars' hash).
        var hash = Seed;
        var any = 0;
        foreach (var b in alternate)
        {
            hash = (hash ^ b) * Prime;
            any |= b;
        }

        return any < 0x80 ? (int)hash : Hash(Encoding.UTF8.GetString(alternate));
    }

    public string Create(ReadOnlySpan<byte> alternate) => Encoding.UTF8.GetString(alternate);

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
