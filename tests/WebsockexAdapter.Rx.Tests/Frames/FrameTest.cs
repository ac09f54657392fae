using System.Net.WebSockets;
using System.Text;

namespace WebsockexAdapter.Rx.Tests.Frames;

public sealed class FrameTest
{
    [Fact]
    public void FromText_EncodesOnceAndKeepsTheText()
    {
        var frame = Frame.FromText("prix: 42 €");

        Assert.Equal(FrameKind.Text, frame.Kind);
        Assert.Equal("prix: 42 €", frame.Text);
        Assert.Equal(Encoding.UTF8.GetBytes("prix: 42 €"), frame.Payload.ToArray());
        Assert.Null(frame.CloseStatus);
        Assert.Null(frame.CloseDescription);
    }

    [Fact]
    public void FromUtf8_DecodesTheTextView()
    {
        var frame = Frame.FromUtf8("{\"id\":1}"u8.ToArray());

        Assert.Equal(FrameKind.Text, frame.Kind);
        Assert.Equal("{\"id\":1}", frame.Text);
        Assert.Same(frame.Text, frame.Text);
    }

    [Fact]
    public void FromUtf8_WithInvalidBytes_FailsWhenTheTextIsRead()
    {
        var frame = Frame.FromUtf8(new byte[] { 0xC3, 0x28 });

        Assert.Throws<DecoderFallbackException>(() => frame.Text);
        Assert.Equal(2, frame.Payload.Length);
    }

    [Fact]
    public void FromBinary_KeepsTheBytesItWasGiven()
    {
        var bytes = new byte[] { 0, 1, 254, 255 };

        var frame = Frame.FromBinary(bytes);

        Assert.Equal(FrameKind.Binary, frame.Kind);
        Assert.Equal(bytes, frame.Payload.ToArray());
    }

    [Fact]
    public void Close_CarriesStatusAndDescription()
    {
        var frame = Frame.Close(WebSocketCloseStatus.PolicyViolation, "too many requests");

        Assert.Equal(FrameKind.Close, frame.Kind);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, frame.CloseStatus);
        Assert.Equal("too many requests", frame.CloseDescription);
        Assert.Equal("too many requests", frame.Text);
    }

    [Fact]
    public void PingAndPong_CarryTheirPayload()
    {
        Assert.Equal(FrameKind.Ping, Frame.Ping(new byte[] { 7 }).Kind);
        Assert.Equal(new byte[] { 7 }, Frame.Pong(new byte[] { 7 }).Payload.ToArray());
        Assert.True(Frame.Ping().Payload.IsEmpty);
    }

    [Fact]
    public void ToString_ShowsKindAndSizeButNeverThePayload()
    {
        Assert.Equal("Text(21 bytes)", Frame.FromText("{\"api_key\":\"secret!\"}").ToString());
        Assert.Equal("Close(4000 4000)", Frame.Close((WebSocketCloseStatus)4000, "maintenance").ToString());
    }
}
