using System.Text.Unicode;

namespace WebsockexAdapter.Rx;

/// <summary>
/// Validates a text message that arrives in fragments, as each fragment arrives: a character may be split between
/// two fragments, so the last incomplete character is left for the next check, and only the final check demands that
/// nothing is left incomplete. A message that is invalid is found at the fragment that makes it so, not at its end.
/// </summary>
internal static class Utf8Prefix
{
    /// <summary>
    /// Whether <paramref name="text"/> could be the start of valid UTF-8; <paramref name="complete"/> is how many bytes
    /// of it are whole characters (the rest, at most 3 bytes, is a character still arriving).
    /// </summary>
    public static bool IsValid(ReadOnlySpan<byte> text, out int complete)
    {
        complete = text.Length - IncompleteTail(text);
        return Utf8.IsValid(text[..complete]) && IsPossibleStart(text[complete..]);
    }

    /// <summary>The length of a trailing lead byte and its continuations that still want more bytes; 0 when none.</summary>
    private static int IncompleteTail(ReadOnlySpan<byte> text)
    {
        for (var back = 1; back <= 3 && back <= text.Length; back++)
        {
            var b = text[^back];
            if ((b & 0xC0) == 0x80)
            {
                continue;
            }

            var needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > back ? back : 0;
        }

        return 0;
    }

    /// <summary>Whether a few bytes that want more could still become a valid character (fail fast on 0xC0, 0xF5, ...).</summary>
    private static bool IsPossibleStart(ReadOnlySpan<byte> tail)
    {
        if (tail.IsEmpty)
        {
            return true;
        }

        // Complete it with continuation bytes and ask the validator. The lowest (0x80) and the highest (0xBF) between
        // them satisfy every lead byte's range for the byte after it (E0 and F0 want high ones, ED and F4 low ones).
        Span<byte> candidate = stackalloc byte[4];
        var needed = tail[0] >= 0xF0 ? 4 : tail[0] >= 0xE0 ? 3 : 2;
        foreach (var filler in (ReadOnlySpan<byte>)[0x80, 0xBF])
        {
            tail.CopyTo(candidate);
            candidate[tail.Length..needed].Fill(filler);
            if (Utf8.IsValid(candidate[..needed]))
            {
                return true;
            }
        }

        return false;
    }
}
