using System.Buffers.Binary;
using WebsockexAdapter.Rx.Recording.Tests.Support;
using static WebsockexAdapter.Rx.Recording.Tests.Support.ScriptedRecording;

namespace WebsockexAdapter.Rx.Recording.Tests.Format;

/// <summary>Damaged, cut and foreign files: a typed error naming the offset, or a torn tail left out; never a crash or a hang.</summary>
public sealed class BadInputTest : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Load_ATornTail_IsLeftOutAndReported()
    {
        var path = ThreeBlocks();
        var whole = File.ReadAllBytes(path);
        var blocks = BlockOffsets(whole);
        File.WriteAllBytes(path, whole[..(blocks[2] + 20)]);

        var recording = SessionRecording.Load(path);

        Assert.Equal(["m1", "m2"], Texts(recording));
        Assert.Equal(new TornTail(path, blocks[2], 20), recording.TornTail);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(15)]
    public void Load_AHeaderCutShort_IsAFormatErrorAtItsEnd(int length)
    {
        var path = ThreeBlocks();
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..length]);

        var error = Assert.ThrowsAny<RecordingFormatException>(() => SessionRecording.Load(path));

        Assert.Equal(length < 8 ? 0 : length, error.Offset);
    }

    [Fact]
    public void Load_AForeignFile_IsAFormatErrorAtOffsetZero()
    {
        var path = _files.File("foreign.json");
        File.WriteAllText(path, """{"jsonrpc":"2.0","method":"subscription"}""");

        var error = Assert.Throws<RecordingFormatException>(() => SessionRecording.Load(path));

        Assert.Equal(0, error.Offset);
        Assert.Contains("not a recording", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ANewerVersion_IsRefusedClearly()
    {
        var path = ThreeBlocks();
        var bytes = File.ReadAllBytes(path);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), 2);
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<RecordingVersionException>(() => SessionRecording.Load(path));

        Assert.Equal((2, 1), (error.Version, error.SupportedVersion));
        Assert.Contains("format version 2; this library reads up to version 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AFlippedByteInABlock_FailsItsChecksumNamingTheBlock()
    {
        var path = ThreeBlocks();
        var bytes = File.ReadAllBytes(path);
        var blocks = BlockOffsets(bytes);
        bytes[blocks[1] + 20] ^= 0x40;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<RecordingFormatException>(() => SessionRecording.Load(path));

        Assert.Equal(blocks[1], error.Offset);
        Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AHugeLengthInABlockHead_IsAFormatErrorNotAnAllocation()
    {
        var path = ThreeBlocks();
        var bytes = File.ReadAllBytes(path);
        var blocks = BlockOffsets(bytes);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(blocks[0] + 8), uint.MaxValue);
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<RecordingFormatException>(() => SessionRecording.Load(path));

        Assert.Equal(blocks[0], error.Offset);
    }

    [Fact]
    public void Load_ZerosAfterTheLastBlock_AreATornTail()
    {
        var path = ThreeBlocks();
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, [.. bytes, .. new byte[4096]]);

        var recording = SessionRecording.Load(path);

        Assert.Equal(["m1", "m2", "m3"], Texts(recording));
        Assert.Equal(bytes.Length, recording.TornTail!.Offset);
    }

    [Fact]
    public void Load_EveryCutAndEveryFlippedByte_IsAFormatErrorOrATornTail()
    {
        var path = ThreeBlocks();
        var whole = File.ReadAllBytes(path);
        var damaged = _files.File("damaged.wxrec");
        for (var i = 0; i < whole.Length; i++)
        {
            File.WriteAllBytes(damaged, whole[..i]);
            Outcome(damaged);
            var flipped = (byte[])whole.Clone();
            flipped[i] ^= 0xA5;
            File.WriteAllBytes(damaged, flipped);
            Outcome(damaged);
        }

        static void Outcome(string file)
        {
            try
            {
                SessionRecording.Load(file);
            }
            catch (RecordingFormatException)
            {
                // Typed, with an offset: what a damaged file must give.
            }
        }
    }

    /// <summary>A recording of three blocks, one text frame in each.</summary>
    private string ThreeBlocks()
    {
        // No timer flushes: the test decides where each block ends.
        using var session = new ScriptedRecording(_files.File(), new RecordingOptions { FlushInterval = TimeSpan.FromMinutes(1) });
        for (var i = 1; i <= 3; i++)
        {
            var text = $"m{i}";
            session.At(i * Second, () => session.Transport.Last.SendText(text));
            session.At(i * Second + 1, session.Recorder.Flush);
        }

        session.Scheduler.AdvanceTo(3 * Second + 2);
        _ = session.Finish();
        return session.Path;
    }

    private static List<int> BlockOffsets(byte[] file)
    {
        var offsets = new List<int>();
        for (var offset = 16; offset + 16 <= file.Length; offset += 16 + (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 4)))
        {
            offsets.Add(offset);
        }

        return offsets;
    }

    private static List<string> Texts(SessionRecording recording) =>
        [.. recording.Events.Where(e => e.Kind == RecordedEventKind.Received && e.Frame!.Kind == FrameKind.Text).Select(e => e.Frame!.Text)];
}
