using System.Net.WebSockets;
using System.Text;
using System.Text.Unicode;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace WebsockexAdapter.Rx.Reliability.Tests.Properties;

/// <summary>The frame model: payloads round-trip, text decodes strictly, and no description ever shows a payload.</summary>
public sealed class FrameProperties
{
    private const string MarkerAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    /// <summary>A secret-looking marker (16 characters a log line would never contain by chance) inside arbitrary text.</summary>
    public static Arbitrary<(string Marker, string Text)> Secrets() =>
        Gen.ArrayOf(Gen.Elements(MarkerAlphabet.ToCharArray()), 16).Select(chars => new string(chars))
            .SelectMany(_ => ArbMap.Default.GeneratorFor<string>(), (marker, noise) => (marker, (noise ?? "") + marker + (noise ?? "")))
            .ToArbitrary();

    [Property]
    public bool FromText_RoundTripsEveryWellFormedString(string? text)
    {
        text ??= string.Empty;
        var wellFormed = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text)) == text;
        var frame = Frame.FromText(text);
        var again = Frame.FromUtf8(frame.Payload);

        return frame.Kind == FrameKind.Text
            && frame.Text == text
            && frame.Payload.Span.SequenceEqual(Encoding.UTF8.GetBytes(text))
            && (!wellFormed || again.Text == text);
    }

    [Property]
    public bool FromUtf8_DecodesValidBytes_AndRefusesInvalidOnesWithADecoderError(byte[] bytes)
    {
        var frame = Frame.FromUtf8(bytes);
        try
        {
            var text = frame.Text;
            return Utf8.IsValid(bytes) && text == Encoding.UTF8.GetString(bytes) && ReferenceEquals(text, frame.Text);
        }
        catch (DecoderFallbackException)
        {
            return !Utf8.IsValid(bytes);
        }
    }

    [Property]
    public bool BinaryPingAndPong_KeepTheirBytes(byte[] bytes) =>
        Frame.FromBinary(bytes) is { Kind: FrameKind.Binary } binary && binary.Payload.Span.SequenceEqual(bytes)
        && Frame.Ping(bytes) is { Kind: FrameKind.Ping } ping && ping.Payload.Span.SequenceEqual(bytes)
        && Frame.Pong(bytes) is { Kind: FrameKind.Pong } pong && pong.Payload.Span.SequenceEqual(bytes)
        && binary.CloseStatus is null && binary.CloseDescription is null;

    [Property]
    public bool Close_KeepsItsStatusAndDescription(ushort code, string? description)
    {
        var frame = Frame.Close((WebSocketCloseStatus)code, description);
        return frame.Kind == FrameKind.Close
            && frame.CloseStatus == (WebSocketCloseStatus)code
            && frame.CloseDescription == (description ?? string.Empty)
            && frame.Text == (description ?? string.Empty)
            && frame.Payload.IsEmpty;
    }

    [Property(Arbitrary = [typeof(FrameProperties)])]
    public bool ToString_NeverShowsThePayload((string Marker, string Text) secret)
    {
        var bytes = Encoding.UTF8.GetBytes(secret.Text);
        Frame[] frames =
        [
            Frame.FromText(secret.Text), Frame.FromUtf8(bytes), Frame.FromBinary(bytes), Frame.Ping(bytes), Frame.Pong(bytes),
            Frame.Close(WebSocketCloseStatus.PolicyViolation, secret.Text),
        ];

        // Decoding first must not make the description any more revealing.
        _ = frames[1].Text;
        return frames.All(f => !f.ToString().Contains(secret.Marker, StringComparison.Ordinal));
    }
}
