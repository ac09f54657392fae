using System.Buffers;

namespace WebsockexAdapter.Rx.Recording.Tests.Recording;

/// <summary>Redaction works on whole blocks: a secret's name anywhere in a block, a piece boundary included, is found.</summary>
public sealed class SecretRedactorTest
{
    [Fact]
    public void RedactBlock_FindsASecretsName_WhereverItFallsInABlockOfManyPieces()
    {
        for (var padding = 32 * 1024 - 40; padding < 32 * 1024 + 10; padding++)
        {
            var block = new ArrayBufferWriter<byte>();
            RecordEncoder.WriteHead(block, RecordedEventKind.Received, DateTimeOffset.UnixEpoch, 0);
            RecordEncoder.WriteFrame(block, Frame.FromText(new string('x', padding)));
            RecordEncoder.WriteHead(block, RecordedEventKind.Sent, DateTimeOffset.UnixEpoch, 0);
            RecordEncoder.WriteFrame(block, Frame.FromText("""{"password":"pw-1"}"""));

            var redacted = SecretRedactor.RedactBlock(block.WrittenSpan).ToArray();

            var decoder = new RecordDecoder(redacted, redacted.Length, "test", 0);
            Assert.True(decoder.TryRead(out var first));
            Assert.Equal(padding, first.Frame!.Payload.Length);
            Assert.True(decoder.TryRead(out var second));
            Assert.DoesNotContain("pw-1", second.Frame!.Text, StringComparison.Ordinal);
            Assert.False(decoder.TryRead(out _));
        }
    }

    [Fact]
    public void RedactBlock_OfABlockThatNamesNoSecret_IsTheBlockItself()
    {
        var block = new ArrayBufferWriter<byte>();
        RecordEncoder.WriteHead(block, RecordedEventKind.Received, DateTimeOffset.UnixEpoch, 0);
        RecordEncoder.WriteFrame(block, Frame.FromText("""{"jsonrpc":"2.0","method":"subscription","params":{"channel":"book","data":{}}}"""));

        var redacted = SecretRedactor.RedactBlock(block.WrittenSpan);

        Assert.True(redacted == block.WrittenSpan);
    }

    [Fact]
    public void RedactBlock_KeepsANotificationThatNamesASecret_AndRedactsAReplyThatDoes()
    {
        const string Notification = """{"jsonrpc":"2.0","method":"subscription","params":{"channel":"x","data":{"password":"kept"}}}""";
        var block = new ArrayBufferWriter<byte>();
        RecordEncoder.WriteHead(block, RecordedEventKind.Received, DateTimeOffset.UnixEpoch, 0);
        RecordEncoder.WriteFrame(block, Frame.FromText(Notification));
        RecordEncoder.WriteHead(block, RecordedEventKind.Received, DateTimeOffset.UnixEpoch, 0);
        RecordEncoder.WriteFrame(block, Frame.FromText("""{"jsonrpc":"2.0","id":1,"result":{"password":"gone"}}"""));

        var redacted = SecretRedactor.RedactBlock(block.WrittenSpan).ToArray();

        var decoder = new RecordDecoder(redacted, redacted.Length, "test", 0);
        Assert.True(decoder.TryRead(out var notification));
        Assert.Equal(Notification, notification.Frame!.Text);
        Assert.True(decoder.TryRead(out var reply));
        Assert.DoesNotContain("gone", reply.Frame!.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RecordedEventKind.Received, """{"jsonrpc":"2.0","method":"subscription","params":{"data":{"signature":"s"}}}""", false)]
    [InlineData(RecordedEventKind.Received, """{"jsonrpc":"2.0","method":"subscription","params":{"data":{"price":1}}}""", false)]
    [InlineData(RecordedEventKind.Received, """{"jsonrpc":"2.0","id":7,"result":{"access_token":"t"}}""", true)]
    [InlineData(RecordedEventKind.Received, """{"op":"auth","signature":"s"}""", true)]
    [InlineData(RecordedEventKind.Sent, """{"jsonrpc":"2.0","method":"public/auth","params":{"client_secret":"s"}}""", true)]
    [InlineData(RecordedEventKind.Sent, """{"jsonrpc":"2.0","id":2,"method":"public/subscribe","params":{"channels":["book"]}}""", false)]
    public void NeedsRedaction_OnlyOfAFrameThatMayCarryASecretAndNamesOne(RecordedEventKind recorded, string text, bool expected) =>
        Assert.Equal(expected, SecretRedactor.NeedsRedaction(recorded, FrameKind.Text, System.Text.Encoding.UTF8.GetBytes(text)));
}
