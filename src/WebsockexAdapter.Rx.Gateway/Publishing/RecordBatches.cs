using System.Buffers;

namespace WebsockexAdapter.Rx.Gateway;

/// <summary>
/// The outbound loop's batches in the making: per subject, the records taken so far, each batch at most
/// <c>maxBytes</c> (a single larger record still leaves, alone). Only the outbound loop touches it.
/// </summary>
internal sealed class RecordBatches(int maxBytes)
{
    /// <summary>Spare buffers kept for the next batches; more are let go, so an idle gateway holds little.</summary>
    private const int SpareLimit = 8;

    private readonly Dictionary<string, RecordBatch> _open = new(StringComparer.Ordinal);
    private readonly Stack<RecordBatch> _spare = new();

    /// <summary>Adds a record; returns the subject's previous batch when the record did not fit in it (publish it, then <see cref="Return"/> it).</summary>
    public RecordBatch? Add(string subject, byte[] record)
    {
        RecordBatch? full = null;
        if (_open.TryGetValue(subject, out var batch) && batch.Writer.WrittenCount + record.Length > maxBytes)
        {
            full = batch;
            batch = null;
        }

        if (batch is null)
        {
            batch = _spare.Count > 0 ? _spare.Pop() : new RecordBatch(new ArrayBufferWriter<byte>(4096));
            _open[subject] = batch;
        }

        batch.Writer.Write(record);
        batch.Records++;
        return full;
    }

    /// <summary>Every open batch, each closed as it is handed out.</summary>
    public List<(string Subject, RecordBatch Batch)> TakeAll()
    {
        var all = new List<(string, RecordBatch)>(_open.Count);
        foreach (var (subject, batch) in _open)
        {
            all.Add((subject, batch));
        }

        _open.Clear();
        return all;
    }

    /// <summary>A published batch's buffer, for reuse.</summary>
    public void Return(RecordBatch batch)
    {
        batch.Writer.ResetWrittenCount();
        batch.Records = 0;
        if (_spare.Count < SpareLimit)
        {
            _spare.Push(batch);
        }
    }
}
