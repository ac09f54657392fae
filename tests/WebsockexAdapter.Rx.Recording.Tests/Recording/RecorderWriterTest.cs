using System.Buffers;
using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using WebsockexAdapter.Rx.Recording.Tests.Support;

namespace WebsockexAdapter.Rx.Recording.Tests.Recording;

/// <summary>
/// A receive loop that records never waits for a block being compressed and written: while the writer is at work, the
/// loop goes on appending, and the writer takes what piled up next.
/// </summary>
public sealed class RecorderWriterTest : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task ABurstWhileABlockIsBeingWritten_DoesNotWaitForIt_AndTheWriterWritesItNext()
    {
        var path = _files.File();
        using var scheduler = new HeldWriterScheduler();
        using var recorder = SessionRecorder.Create(path, new RecordingOptions { Scheduler = scheduler });
        var payload = new byte[8 * 1024];
        payload.AsSpan().Fill((byte)'x');
        var recorded = 0;
        void Record(int megabytes)
        {
            for (var i = 0; i < megabytes * 1024 * 1024 / payload.Length; i++)
            {
                recorder.RecordReceived(DateTimeOffset.UnixEpoch, 0, new ReceivedMessage(FrameKind.Text, payload));
                recorded++;
            }
        }

        // A block's worth (3 MiB) makes the writer start on it; it holds the file while it is held here.
        Record(megabytes: 3);
        Assert.True(scheduler.WriterHeld.Wait(Bound), "The writer did not start on the first block.");

        // A burst of four blocks meanwhile: past the size at which a late writer is taken over (8 MiB), so the
        // recording thread would write it itself, had it waited for the file; short of the size at which it waits.
        // (A recording thread that waited would time out here.)
        await Task.Run(() => Record(megabytes: 12)).WaitAsync(Bound);
        Assert.Equal(RecordingFormat.HeaderSize, new FileInfo(path).Length);

        scheduler.ReleaseWriter();
        Assert.True(scheduler.WriterDone.Wait(Bound), "The writer did not finish.");
        Assert.Equal(recorded, SessionRecording.Load(path).Events.Count);
    }

    [Fact]
    public void ABlockIsWrittenEarly_OnceThreeMegabytesWait_NotBefore()
    {
        var path = _files.File();
        using var scheduler = new WorkItemsAtOnceScheduler();
        using var recorder = SessionRecorder.Create(path, new RecordingOptions { Scheduler = scheduler });
        var payload = new byte[8 * 1024];
        void Record(int messages)
        {
            for (var i = 0; i < messages; i++)
            {
                recorder.RecordReceived(DateTimeOffset.UnixEpoch, 0, new ReceivedMessage(FrameKind.Text, payload));
            }
        }

        // Two megabytes of a burst wait for the next interval (the timer never fires here)...
        Record(2 * 1024 * 1024 / payload.Length);
        Assert.Equal(RecordingFormat.HeaderSize, new FileInfo(path).Length);

        // ...and a third makes a block of them at once.
        Record(1024 * 1024 / payload.Length);
        Assert.True(scheduler.WorkItemsDone.Wait(Bound), "No block was written.");
        Assert.True(new FileInfo(path).Length > RecordingFormat.HeaderSize);
    }

    [Fact]
    public void ABurstOfAlmostAWholeBlock_AllocatesNothingOnTheRecordingThread()
    {
        using var recorder = SessionRecorder.Create(_files.File(), new RecordingOptions { Scheduler = new TestScheduler() });
        var payload = new byte[8 * 1024];
        recorder.RecordReceived(DateTimeOffset.UnixEpoch, 0, new ReceivedMessage(FrameKind.Text, payload));

        var before = GC.GetAllocatedBytesForCurrentThread();
        // 8 KiB records up to just short of a block (3 MiB).
        for (var i = 1; i < 380; i++)
        {
            recorder.RecordReceived(DateTimeOffset.UnixEpoch, 0, new ReceivedMessage(FrameKind.Text, payload));
        }

        // The block buffers came with the recorder (from the shared pool): none grows on the receive loop.
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void EventsAfterDispose_AreDropped_AndTheBlockBuffersGoBackToThePool()
    {
        var path = _files.File();
        var recorder = SessionRecorder.Create(path, new RecordingOptions { Scheduler = new TestScheduler() });
        recorder.RecordReceived(DateTimeOffset.UnixEpoch, 0, new ReceivedMessage(FrameKind.Text, "kept"u8.ToArray()));
        recorder.Dispose();

        // The next renters of buffers of that size get the recorder's two: a late event must not write into them.
        byte[][] renters = [ArrayPool<byte>.Shared.Rent(4 * 1024 * 1024), ArrayPool<byte>.Shared.Rent(4 * 1024 * 1024)];
        foreach (var renter in renters)
        {
            renter.AsSpan().Clear();
        }

        recorder.RecordReceived(DateTimeOffset.UnixEpoch, 0, new ReceivedMessage(FrameKind.Text, "late"u8.ToArray()));
        recorder.RecordText(RecordedEventKind.Dropped, DateTimeOffset.UnixEpoch, 0, "late");

        foreach (var renter in renters)
        {
            Assert.True(renter.AsSpan().IndexOfAnyExcept((byte)0) < 0, "A late event was written into a buffer the recorder gave back.");
            ArrayPool<byte>.Shared.Return(renter);
        }

        Assert.Equal("kept", Assert.Single(SessionRecording.Load(path).Events).Frame!.Text);
    }

    /// <summary>Runs each work item at once, on the thread that queued it; timers never fire.</summary>
    private sealed class WorkItemsAtOnceScheduler : IScheduler, IDisposable
    {
        public ManualResetEventSlim WorkItemsDone { get; } = new();

        public DateTimeOffset Now => DateTimeOffset.UnixEpoch;

        public IDisposable Schedule<TState>(TState state, Func<IScheduler, TState, IDisposable> action)
        {
            action(this, state);
            WorkItemsDone.Set();
            return Disposable.Empty;
        }

        public IDisposable Schedule<TState>(TState state, TimeSpan dueTime, Func<IScheduler, TState, IDisposable> action) => Disposable.Empty;

        public IDisposable Schedule<TState>(TState state, DateTimeOffset dueTime, Func<IScheduler, TState, IDisposable> action) => Disposable.Empty;

        public void Dispose() => WorkItemsDone.Dispose();
    }

    /// <summary>
    /// Runs each work item on a thread of its own, and holds the first block's writer inside the file lock (its clock
    /// read blocks) until <see cref="ReleaseWriter"/>. Timers never fire: only the early-block work items run.
    /// </summary>
    private sealed class HeldWriterScheduler : IScheduler, IDisposable
    {
        private readonly ManualResetEventSlim _release = new();
        private Thread? _writer;

        public ManualResetEventSlim WriterHeld { get; } = new();

        public ManualResetEventSlim WriterDone { get; } = new();

        public DateTimeOffset Now
        {
            get
            {
                if (Thread.CurrentThread == _writer && !_release.IsSet)
                {
                    WriterHeld.Set();
                    _release.Wait(Bound);
                }

                return DateTimeOffset.UnixEpoch;
            }
        }

        public void ReleaseWriter() => _release.Set();

        public IDisposable Schedule<TState>(TState state, Func<IScheduler, TState, IDisposable> action)
        {
            var thread = new Thread(() =>
            {
                action(this, state);
                WriterDone.Set();
            })
            { IsBackground = true };
            Interlocked.CompareExchange(ref _writer, thread, null);
            thread.Start();
            return Disposable.Empty;
        }

        public IDisposable Schedule<TState>(TState state, TimeSpan dueTime, Func<IScheduler, TState, IDisposable> action) => Disposable.Empty;

        public IDisposable Schedule<TState>(TState state, DateTimeOffset dueTime, Func<IScheduler, TState, IDisposable> action) => Disposable.Empty;

        public void Dispose()
        {
            _release.Set();
            _release.Dispose();
            WriterHeld.Dispose();
            WriterDone.Dispose();
        }
    }
}
