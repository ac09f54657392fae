namespace WebsockexAdapter.Rx.Tests.Transport;

public sealed class ReadAheadStreamTest
{
    [Fact]
    public async Task SmallReads_AreServedFromOneLargeReadOfTheSocket()
    {
        var inner = new RecordingStream([Enumerable.Range(0, 300).Select(i => (byte)i).ToArray()]);
        using var stream = new ReadAheadStream(inner, bufferSize: 1024);

        var first = new byte[125];
        var second = new byte[200];
        var firstRead = await stream.ReadAsync(first);
        var secondRead = await stream.ReadAsync(second);

        Assert.Equal(125, firstRead);
        Assert.Equal(175, secondRead);
        Assert.Equal(Enumerable.Range(0, 125).Select(i => (byte)i), first);
        Assert.Equal(Enumerable.Range(125, 175).Select(i => (byte)i), second.Take(175));
        Assert.Equal([0, 1024], inner.ReadSizes);
    }

    [Fact]
    public async Task AfterAReadThatFilledTheBuffer_TheNextFillSkipsTheZeroByteWait()
    {
        var inner = new RecordingStream([new byte[16], new byte[5]]);
        using var stream = new ReadAheadStream(inner, bufferSize: 16);

        var reads = new[] { await stream.ReadAsync(new byte[10]), await stream.ReadAsync(new byte[10]), await stream.ReadAsync(new byte[10]) };

        Assert.Equal([10, 6, 5], reads);

        Assert.Equal([0, 16, 16], inner.ReadSizes);
    }

    [Fact]
    public async Task ADestinationAsLargeAsTheBuffer_IsReadDirectly()
    {
        var inner = new RecordingStream([new byte[40]]);
        using var stream = new ReadAheadStream(inner, bufferSize: 32);

        var read = await stream.ReadAsync(new byte[64]);

        Assert.Equal(40, read);
        Assert.Equal([64], inner.ReadSizes);
    }

    [Fact]
    public async Task EndOfStream_ReadsAsZero()
    {
        var inner = new RecordingStream([]);
        using var stream = new ReadAheadStream(inner, bufferSize: 32);

        Assert.Equal(0, await stream.ReadAsync(new byte[8]));
    }

    [Fact]
    public async Task WritesAndDispose_GoToTheInnerStream()
    {
        var inner = new RecordingStream([]);
        var stream = new ReadAheadStream(inner, bufferSize: 32);

        await stream.WriteAsync(new byte[] { 1, 2, 3 });
        await stream.DisposeAsync();

        Assert.Equal([1, 2, 3], inner.Written);
        Assert.True(inner.Disposed);
    }

    /// <summary>Hands out the given chunks, one per non-empty read, and records the size of every read asked for.</summary>
    private sealed class RecordingStream(IEnumerable<byte[]> chunks) : Stream
    {
        private readonly Queue<byte[]> _chunks = new(chunks);

        public List<int> ReadSizes { get; } = [];

        public List<byte> Written { get; } = [];

        public bool Disposed { get; private set; }

        public override bool CanRead => true;

        public override bool CanWrite => true;

        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            ReadSizes.Add(buffer.Length);
            if (buffer.IsEmpty || !_chunks.TryPeek(out var chunk))
            {
                return ValueTask.FromResult(0);
            }

            var count = Math.Min(buffer.Length, chunk.Length);
            chunk.AsSpan(0, count).CopyTo(buffer.Span);
            _chunks.Dequeue();
            if (count < chunk.Length)
            {
                // What did not fit comes with the next read, as a socket would give it.
                var rest = new Queue<byte[]>([chunk[count..], .. _chunks]);
                _chunks.Clear();
                foreach (var item in rest)
                {
                    _chunks.Enqueue(item);
                }
            }

            return ValueTask.FromResult(count);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Written.AddRange(buffer.ToArray());
            return ValueTask.CompletedTask;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override void Write(byte[] buffer, int offset, int count) => Written.AddRange(buffer.AsSpan(offset, count).ToArray());

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
