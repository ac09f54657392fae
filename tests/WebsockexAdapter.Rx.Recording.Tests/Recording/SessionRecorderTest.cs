using System.Reactive.Linq;
using WebsockexAdapter.Rx.Recording.Tests.Support;
using static WebsockexAdapter.Rx.Recording.Tests.Support.ScriptedRecording;

namespace WebsockexAdapter.Rx.Recording.Tests.Recording;

public sealed class SessionRecorderTest : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Record_WritesEveryFrameConnectionAndEndWithTheSchedulersTime()
    {
        using var session = new ScriptedRecording(_files.File());
        session.At(1 * Second, () => session.Transport.Last.SendText("a"));
        session.At(1500 * Millisecond, () => session.Send("hello"));
        session.At(2 * Second, () => session.Transport.Last.SendText("b"));
        session.At(3 * Second, () => session.Transport.Last.Drop());
        session.At(5 * Second, () => session.Transport.Last.SendText("c"));
        session.Scheduler.AdvanceTo(6 * Second);

        var recording = session.Finish();

        var events = recording.Events.Select(e => (e.Connection, e.Kind, e.Time.UtcTicks, e.Frame?.Kind == FrameKind.Text ? e.Frame.Text : e.Detail)).ToList();
        Assert.Equal(
            [
                (0, RecordedEventKind.ConnectStarted, 0L, "ws://exchange.test/ws"),
                (0, RecordedEventKind.Connected, 0L, string.Empty),
                (0, RecordedEventKind.Received, 1 * Second, "a"),
                (0, RecordedEventKind.Sent, 1500 * Millisecond, "hello"),
                (0, RecordedEventKind.Received, 2 * Second, "b"),
            ],
            events.Take(5));
        var drop = events[5];
        Assert.Equal((0, RecordedEventKind.Dropped, 3 * Second), (drop.Connection, drop.Kind, drop.UtcTicks));
        Assert.Contains("scripted drop", drop.Item4, StringComparison.Ordinal);
        Assert.Equal(RecordedEventKind.Released, events[6].Kind);
        Assert.Equal((1, RecordedEventKind.ConnectStarted, 4 * Second), (events[7].Connection, events[7].Kind, events[7].UtcTicks));
        Assert.Contains((1, RecordedEventKind.Received, 5 * Second, "c"), events);
        Assert.Equal(RecordedEventKind.CloseRequested, events[^3].Kind);
        Assert.Equal(FrameKind.Close, recording.Events[^2].Frame!.Kind);
        Assert.Equal(RecordedEventKind.Released, events[^1].Kind);
        Assert.Equal(2, recording.ConnectionCount);
        Assert.Null(recording.TornTail);
    }

    [Fact]
    public void Record_ARefusedHandshake_KeepsItsHttpStatus()
    {
        var path = _files.File();
        using (var session = new ScriptedRecording(path, server: static t => t.OnConnect = static socket => socket.Reject(System.Net.HttpStatusCode.ServiceUnavailable)))
        {
            session.Scheduler.AdvanceTo(500 * Millisecond);
        }

        var failed = SessionRecording.Load(path).Events.First(e => e.Kind == RecordedEventKind.ConnectFailed);
        Assert.Equal(503, failed.HttpStatus);
        Assert.Contains(nameof(HandshakeRejectedException), failed.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Flush_HappensEveryIntervalOnTheScheduler()
    {
        using var session = new ScriptedRecording(_files.File(), new RecordingOptions { FlushInterval = TimeSpan.FromMilliseconds(100) });
        session.At(10 * Millisecond, () => session.Transport.Last.SendText("early"));
        session.Scheduler.AdvanceTo(99 * Millisecond);
        Assert.DoesNotContain(SessionRecording.Load(session.Path).Events, e => e.Kind == RecordedEventKind.Received);

        session.Scheduler.AdvanceTo(101 * Millisecond);

        Assert.Equal("early", Assert.Single(SessionRecording.Load(session.Path).Events, e => e.Kind == RecordedEventKind.Received).Frame!.Text);
    }

    [Fact]
    public void Flush_OfABlockHalfAnIntervalOld_RunsOnTheScheduler_NotOnTheThreadThatReceived()
    {
        using var session = new ScriptedRecording(_files.File(), new RecordingOptions { FlushInterval = TimeSpan.FromMilliseconds(100) });
        var inFileWhenReceived = -1;
        using var probe = session.Client.Frames.Where(static f => f.Text == "second").Subscribe(_ =>
            inFileWhenReceived = SessionRecording.Load(session.Path).Events.Count(static e => e.Kind == RecordedEventKind.Received));
        session.At(10 * Millisecond, () => session.Transport.Last.SendText("first"));
        session.At(70 * Millisecond, () => session.Transport.Last.SendText("second"));

        session.Scheduler.AdvanceTo(70 * Millisecond);

        // The second frame made the block due; the receive loop went on without writing it...
        Assert.Equal(0, inFileWhenReceived);

        // ...and the scheduler's work item did at once (the test scheduler runs "now" one tick later), long before the 100 ms timer.
        session.Scheduler.AdvanceTo(70 * Millisecond + 1);
        Assert.Equal(["first", "second"], SessionRecording.Load(session.Path).Events.Where(static e => e.Kind == RecordedEventKind.Received).Select(static e => e.Frame!.Text));
    }

    [Fact]
    public void Record_LeavesSecretsOut()
    {
        using var session = new ScriptedRecording(_files.File());
        session.At(1 * Second, () => session.Send("""{"jsonrpc":"2.0","id":1,"method":"public/auth","params":{"grant_type":"client_credentials","client_id":"me","client_secret":"s3cret-value"}}"""));
        session.At(2 * Second, () => session.Transport.Last.SendText("""{"jsonrpc":"2.0","id":1,"result":{"access_token":"tok-123","refresh_token":"ref-456","expires_in":900}}"""));
        session.Scheduler.AdvanceTo(3 * Second);

        var recording = session.Finish();

        var bytes = string.Join("\n", recording.Events.Where(e => e.Frame?.Kind == FrameKind.Text).Select(e => e.Frame!.Text));
        Assert.DoesNotContain("s3cret-value", bytes, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-123", bytes, StringComparison.Ordinal);
        Assert.DoesNotContain("ref-456", bytes, StringComparison.Ordinal);
        Assert.Contains("\"client_id\":\"me\"", bytes, StringComparison.Ordinal);
        Assert.Contains("\"expires_in\":900", bytes, StringComparison.Ordinal);
        Assert.Contains("ws://exchange.test/ws", recording.Events[0].Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("key=secret", recording.Events[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Record_RedactsEachSecretsName_AndKeepsEveryOtherRecordAsRecordedWithoutRedaction()
    {
        SessionRecording Record(bool redact)
        {
            using var session = new ScriptedRecording(_files.File(), new RecordingOptions { RedactSecrets = redact });
            session.At(1 * Second, () => session.Transport.Last.SendText("""{"jsonrpc":"2.0","method":"subscription","params":{"channel":"book","data":{"change_id":1}}}"""));
            session.At(2 * Second, () => session.Send("""{"jsonrpc":"2.0","id":1,"method":"public/auth","params":{"grant_type":"client_signature","client_id":"me","signature":"sig-1","password":"pw-2"}}"""));
            session.At(2500 * Millisecond, () => session.Transport.Last.SendText("""{"jsonrpc":"2.0","id":1,"result":{"access_token":"tok-3","refresh_token":"ref-4","expires_in":900}}"""));
            session.At(3 * Second, () => session.Transport.Last.SendText("not json, but it names a client_secret"));
            session.At(3500 * Millisecond, () => session.Transport.Last.Drop());
            session.At(5 * Second, () => session.Transport.Last.SendText("after the drop"));
            session.At(6 * Second, () => session.Transport.Last.Close(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure));
            session.Scheduler.AdvanceTo(7 * Second);
            return session.Finish();
        }

        static string Describe(RecordedEvent e) => $"{e.Kind} {e.Time.UtcTicks} #{e.Connection} {e.Detail} {e.HttpStatus} {e.CloseStatus} {e.Frame?.Kind} {(e.Frame?.Kind == FrameKind.Text ? e.Frame.Text : null)}";
        var plain = Record(redact: false).Events.Select(Describe).ToList();
        var redacted = Record(redact: true).Events.Select(Describe).ToList();

        var changed = plain.Zip(redacted).Where(static p => p.First != p.Second).ToList();
        Assert.Equal(plain.Count, redacted.Count);
        Assert.Equal(3, changed.Count);
        Assert.DoesNotContain(redacted, static e => e.Contains("sig-1", StringComparison.Ordinal) || e.Contains("pw-2", StringComparison.Ordinal)
            || e.Contains("tok-3", StringComparison.Ordinal) || e.Contains("ref-4", StringComparison.Ordinal) || e.Contains("names a client_secret", StringComparison.Ordinal));
        Assert.Contains(redacted, static e => e.Contains("\"client_id\":\"me\"", StringComparison.Ordinal));
        Assert.Contains(redacted, static e => e.Contains("\"expires_in\":900", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(RecordingCodec.Lz4)]
    [InlineData(RecordingCodec.Zstandard)]
    public void Record_InEitherCodec_NamesItInTheHeader_AndLoadsEveryFrame(RecordingCodec codec)
    {
        var path = RecordsEveryFrameOf200(new RecordingOptions { Codec = codec });

        Assert.Equal((ushort)codec, System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(File.ReadAllBytes(path).AsSpan(10)));
    }

    [Theory]
    [InlineData(-7)]
    [InlineData(-3)]
    [InlineData(-1)]
    [InlineData(19)]
    public void Record_InZstandardAtAnyAllowedLevel_FastLevelsIncluded_LoadsEveryFrame(int level)
    {
        RecordsEveryFrameOf200(new RecordingOptions { Codec = RecordingCodec.Zstandard, CompressionLevel = level });
    }

    /// <summary>Records 200 book notifications with <paramref name="options"/>, checks they all load back, and returns the file.</summary>
    private string RecordsEveryFrameOf200(RecordingOptions options)
    {
        using var session = new ScriptedRecording(_files.File(), options);
        var texts = Enumerable.Range(1, 200).Select(static i => """{"jsonrpc":"2.0","method":"subscription","params":{"channel":"book","data":{"change_id":""" + i + "}}}").ToList();
        for (var i = 0; i < texts.Count; i++)
        {
            var text = texts[i];
            session.At((i + 1) * 10 * Millisecond, () => session.Transport.Last.SendText(text));
        }

        session.Scheduler.AdvanceTo(3 * Second);
        var recording = session.Finish();

        Assert.Equal(texts, recording.Events.Where(static e => e.Kind == RecordedEventKind.Received && e.Frame!.Kind == FrameKind.Text).Select(static e => e.Frame!.Text));
        Assert.Null(recording.TornTail);
        return session.Path;
    }

    [Theory]
    [InlineData(-8)]
    [InlineData(0)]
    [InlineData(20)]
    public void Options_ACompressionLevelOutsideMinus7To19_OrZero_IsRefused(int level)
    {
        var error = Assert.Throws<InvalidOptionsException>(() => SessionRecorder.Create(_files.File(), new RecordingOptions { CompressionLevel = level }));

        Assert.Equal([$"CompressionLevel must be between -7 and 19, and not 0 (was {level})."], error.Errors);
    }

    [Fact]
    public void Record_ANotificationNamingASecret_IsKeptAsReceived_WhileARequestAndAReplyAreRedacted()
    {
        using var session = new ScriptedRecording(_files.File());
        const string Notification = """{"jsonrpc":"2.0","method":"subscription","params":{"channel":"user.changes","data":{"signature":"trade-sig-1"}}}""";
        session.At(1 * Second, () => session.Transport.Last.SendText(Notification));
        session.At(2 * Second, () => session.Send("""{"jsonrpc":"2.0","id":1,"method":"public/auth","params":{"grant_type":"client_signature","signature":"sig-2"}}"""));
        session.At(3 * Second, () => session.Transport.Last.SendText("""{"jsonrpc":"2.0","id":1,"result":{"access_token":"tok-3"}}"""));
        session.Scheduler.AdvanceTo(4 * Second);

        var texts = session.Finish().Events.Where(static e => e.Frame?.Kind == FrameKind.Text).Select(static e => e.Frame!.Text).ToList();

        Assert.Equal(Notification, texts[0]);
        Assert.DoesNotContain(texts, static t => t.Contains("sig-2", StringComparison.Ordinal) || t.Contains("tok-3", StringComparison.Ordinal));
    }

    [Fact]
    public void Rotation_BySize_SplitsIntoPartsThatLoadAsOne()
    {
        using var session = new ScriptedRecording(_files.File(), new RecordingOptions { RotateAfterBytes = 1 });
        for (var i = 1; i <= 5; i++)
        {
            var text = $"m{i}";
            session.At(i * Second, () => session.Transport.Last.SendText(text));
        }

        session.Scheduler.AdvanceTo(6 * Second);
        var recording = session.Finish();

        Assert.True(recording.Files.Count >= 5, $"{recording.Files.Count} files");
        Assert.Equal(_files.File("session.1.wxrec"), recording.Files[1]);
        Assert.Equal(["m1", "m2", "m3", "m4", "m5"], recording.Events.Where(e => e.Kind == RecordedEventKind.Received && e.Frame!.Kind == FrameKind.Text).Select(e => e.Frame!.Text));
    }

    [Fact]
    public void AWriteThatFails_EndsTheRecording_NotTheSession()
    {
        // The next part's name is taken by a folder: the first rotation, after the first block, cannot create it.
        Directory.CreateDirectory(_files.File("session.1.wxrec"));
        using var session = new ScriptedRecording(_files.File(), new RecordingOptions { RotateAfterBytes = 1 });
        for (var i = 1; i <= 3; i++)
        {
            var text = $"m{i}";
            session.At(i * Second, () => session.Transport.Last.SendText(text));
        }

        session.Scheduler.AdvanceTo(1 * Second);
        var error = session.Recorder.Error;
        var written = session.Recorder.BytesWritten;
        session.Scheduler.AdvanceTo(4 * Second);
        session.Recorder.Flush();
        session.Recorder.Dispose();

        Assert.IsAssignableFrom<UnauthorizedAccessException>(error);
        Assert.Same(error, session.Recorder.Error);
        Assert.Equal(written, session.Recorder.BytesWritten);
        Assert.Equal(["m1", "m2", "m3"], session.Received.Select(static r => r.Text));
        Assert.True(session.Client.CurrentState.Status == ConnectionStatus.Connected, $"the client is {session.Client.CurrentState.Status}");
    }

    [Fact]
    public void Rotation_ByTime_StartsANewPartOnceTheCurrentIsThatOld()
    {
        using var session = new ScriptedRecording(_files.File(), new RecordingOptions { RotateAfterTime = TimeSpan.FromSeconds(1) });
        for (var i = 1; i <= 4; i++)
        {
            var text = $"m{i}";
            session.At(i * 700 * Millisecond, () => session.Transport.Last.SendText(text));
        }

        session.Scheduler.AdvanceTo(3 * Second);
        var recording = session.Finish();

        Assert.InRange(recording.Files.Count, 2, 4);
        Assert.Equal(["m1", "m2", "m3", "m4"], recording.Events.Where(e => e.Kind == RecordedEventKind.Received && e.Frame!.Kind == FrameKind.Text).Select(e => e.Frame!.Text));
    }

    [Fact]
    public void Options_BrokenRules_AreAllListed()
    {
        var error = Assert.Throws<InvalidOptionsException>(() => SessionRecorder.Create(
            _files.File(),
            new RecordingOptions { FlushInterval = TimeSpan.Zero, RotateAfterBytes = 0, RotateAfterTime = TimeSpan.Zero, CompressionLevel = 20, Codec = (RecordingCodec)3 }));

        Assert.Equal(5, error.Errors.Count);
    }

    [Fact]
    public void Options_Defaults_ArePinned()
    {
        var options = new RecordingOptions();

        Assert.Equal(TimeSpan.FromMilliseconds(100), options.FlushInterval);
        Assert.Equal(-3, options.CompressionLevel);
        Assert.Equal(RecordingCodec.Zstandard, options.Codec);
        Assert.True(options.RedactSecrets);
        Assert.Null(options.RotateAfterBytes);
        Assert.Null(options.RotateAfterTime);
        Assert.Null(options.Scheduler);
    }
}
