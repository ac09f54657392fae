namespace WebsockexAdapter.Rx.Benchmarks.Loopback;

/// <summary>
/// A book stream framed once: the snapshot frame, and a batch of change frames written back to back. Each
/// connection copies the batch and renumbers its ids in place before every write, so the stream it sends is one
/// unbroken <c>prev_change_id</c> chain however many batches it takes; the framing is never redone.
/// </summary>
internal sealed class BookBlast
{
    /// <summary>Changes per write: big enough that the server's cost per message is a few nanoseconds.</summary>
    public const int BatchSize = 256;

    private readonly byte[] _batch;
    private readonly int[] _frameEnds;
    private readonly (int Previous, int Current)[] _idOffsets;

    public BookBlast()
    {
        var snapshot = BookNotifications.Snapshot(BookNotifications.FirstChangeId, levels: 10);
        SnapshotFrame = ServerFrames.Encode(ServerFrames.Text, snapshot);
        SnapshotPayloadBytes = snapshot.Length;

        var changes = Enumerable.Range(0, BatchSize)
            .Select(i => BookNotifications.Change(BookNotifications.FirstChangeId + 1 + i, i))
            .ToArray();
        _batch = new byte[changes.Sum(c => ServerFrames.HeaderLength(c.Length) + c.Length)];
        _frameEnds = new int[BatchSize];
        _idOffsets = new (int, int)[BatchSize];
        var payloadBytes = new int[BatchSize];
        var at = 0;
        for (var i = 0; i < BatchSize; i++)
        {
            var header = ServerFrames.HeaderLength(changes[i].Length);
            var (previous, current) = BookNotifications.IdOffsets(changes[i]);
            _idOffsets[i] = (at + header + previous, at + header + current);
            at += ServerFrames.Write(_batch.AsSpan(at), ServerFrames.Text, changes[i]);
            _frameEnds[i] = at;
            payloadBytes[i] = changes[i].Length;
        }

        ChangePayloadBytes = payloadBytes;
    }

    /// <summary>The first message of every stream.</summary>
    public byte[] SnapshotFrame { get; }

    public int SnapshotPayloadBytes { get; }

    /// <summary>The payload size of the i-th change of each batch.</summary>
    public IReadOnlyList<int> ChangePayloadBytes { get; }

    /// <summary>The payload bytes of a whole stream of <paramref name="messages"/> messages (snapshot included).</summary>
    public long PayloadBytes(int messages)
    {
        long total = SnapshotPayloadBytes;
        for (var i = 0; i < messages - 1; i++)
        {
            total += ChangePayloadBytes[i % BatchSize];
        }

        return total;
    }

    /// <summary>The sum of the change ids of a stream of <paramref name="messages"/> messages (snapshot included).</summary>
    public static long ChangeIdSum(int messages) =>
        (messages * BookNotifications.FirstChangeId) + ((long)messages * (messages - 1) / 2);

    /// <summary>A copy of the change batch for one connection to renumber.</summary>
    public Batch NewBatch() => new(this, (byte[])_batch.Clone());

    /// <summary>One connection's copy of the change frames.</summary>
    internal sealed class Batch(BookBlast template, byte[] frames)
    {
        /// <summary>Renumbers the first <paramref name="count"/> changes from <paramref name="firstId"/> and returns their frames.</summary>
        public ReadOnlyMemory<byte> Next(long firstId, int count)
        {
            for (var i = 0; i < count; i++)
            {
                var (previous, current) = template._idOffsets[i];
                BookNotifications.WriteId(frames.AsSpan(previous, BookNotifications.ChangeIdWidth), firstId + i - 1);
                BookNotifications.WriteId(frames.AsSpan(current, BookNotifications.ChangeIdWidth), firstId + i);
            }

            return frames.AsMemory(0, template._frameEnds[count - 1]);
        }
    }
}
