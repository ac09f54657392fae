namespace WebsockexAdapter.Rx.Gateway.Tests.Publishing;

public sealed class RecordBatchesTests
{
    [Fact]
    public void RecordsOfOneSubject_ShareABatch_UntilTheNextWouldNotFit()
    {
        var batches = new RecordBatches(maxBytes: 10);

        Assert.Null(batches.Add("a", [1, 2, 3, 4]));
        Assert.Null(batches.Add("a", [5, 6, 7, 8]));
        var full = batches.Add("a", [9, 10, 11]);

        Assert.NotNull(full);
        Assert.Equal(2, full.Records);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], full.Bytes.ToArray());
        var (subject, rest) = Assert.Single(batches.TakeAll());
        Assert.Equal(("a", 1), (subject, rest.Records));
        Assert.Equal([9, 10, 11], rest.Bytes.ToArray());
    }

    [Fact]
    public void Subjects_AreBatchedApart_AndTakeAllEmptiesEverything()
    {
        var batches = new RecordBatches(maxBytes: 100);
        batches.Add("a", [1]);
        batches.Add("b", [2]);
        batches.Add("a", [3]);

        var all = batches.TakeAll().ToDictionary(static t => t.Subject, static t => t.Batch.Bytes.ToArray());

        Assert.Equal([1, 3], all["a"]);
        Assert.Equal([2], all["b"]);
        Assert.Empty(batches.TakeAll());
    }

    [Fact]
    public void ARecordLargerThanABatch_StillLeaves_Alone()
    {
        var batches = new RecordBatches(maxBytes: 2);
        batches.Add("a", [1]);

        var full = batches.Add("a", [2, 3, 4, 5]);

        Assert.Equal([1], full!.Bytes.ToArray());
        Assert.Equal([2, 3, 4, 5], Assert.Single(batches.TakeAll()).Batch.Bytes.ToArray());
    }
}
