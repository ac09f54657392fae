using System.Text;

namespace WebsockexAdapter.Rx.Tests.Transport.Rfc6455;

/// <summary>The UTF-8 check of a text message arriving in pieces: what is whole, what is still arriving, what can never be valid.</summary>
public sealed class Utf8PrefixTest
{
    [Theory]
    [InlineData("plain ascii")]
    [InlineData("é")]
    [InlineData("€")]
    [InlineData("𝄞")]
    [InlineData("mixed é € 𝄞 end")]
    public void EveryPrefixOfValidText_CouldBeValid_AndItsWholeCharactersAreCounted(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        for (var length = 0; length <= bytes.Length; length++)
        {
            Assert.True(Utf8Prefix.IsValid(bytes.AsSpan(0, length), out var complete), $"prefix of {length} bytes");

            // What is counted whole decodes on its own, and the rest is less than one character.
            Assert.True(Encoding.UTF8.GetString(bytes, 0, complete).Length <= text.Length);
            Assert.InRange(length - complete, 0, 3);
        }

        Assert.True(Utf8Prefix.IsValid(bytes, out var all));
        Assert.Equal(bytes.Length, all);
    }

    [Theory]
    [InlineData(new byte[] { 0x61, 0xC3 }, 1)]
    [InlineData(new byte[] { 0xE0 }, 0)]
    [InlineData(new byte[] { 0xE0, 0xA0 }, 0)]
    [InlineData(new byte[] { 0x61, 0xE2, 0x82 }, 1)]
    [InlineData(new byte[] { 0xF0, 0x9D, 0x84 }, 0)]
    [InlineData(new byte[] { 0xF0, 0x9D, 0x84, 0x9E }, 4)]
    [InlineData(new byte[] { 0xC3, 0xA9, 0xF0 }, 2)]
    [InlineData(new byte[] { 0xE2, 0x82, 0xAC, 0x61 }, 4)]
    public void TheWholeCharacters_AreCountedUpToTheOneStillArriving(byte[] bytes, int whole)
    {
        // The count is where the next fragment's check starts: one byte off and a valid message is refused.
        Assert.True(Utf8Prefix.IsValid(bytes, out var complete));
        Assert.Equal(whole, complete);
    }

    [Theory]
    [InlineData(new byte[] { 0x80 })] // a continuation with no lead
    [InlineData(new byte[] { 0xC0 })] // overlong lead
    [InlineData(new byte[] { 0xC1 })] // overlong lead
    [InlineData(new byte[] { 0xF5 })] // past U+10FFFF
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xE0, 0x9F })] // overlong three-byte
    [InlineData(new byte[] { 0xED, 0xA0 })] // a surrogate
    [InlineData(new byte[] { 0xF0, 0x8F })] // overlong four-byte
    [InlineData(new byte[] { 0xF4, 0x90 })] // past U+10FFFF
    [InlineData(new byte[] { 0x61, 0xC3, 0x28 })] // a lead byte followed by ASCII
    public void BytesThatNoContinuationCanRepair_AreInvalidAtOnce(byte[] bytes)
    {
        Assert.False(Utf8Prefix.IsValid(bytes, out _));
    }
}
