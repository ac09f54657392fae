namespace WebsockexAdapter.Rx.Benchmarks.EndToEnd;

/// <summary>
/// Counts the messages of one round for contenders that are called back per message: starts and stops the clock at
/// the first and last, and completes <see cref="Done"/> when the last one has been handled. Called from one thread at
/// a time (each client delivers its messages in order), so it takes no lock.
/// </summary>
internal sealed class MessageCounter(int messages, RoundClock clock)
{
    private readonly TaskCompletionSource<long> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _count;
    private long _checksum;

    public Task<long> Done => _done.Task;

    /// <summary>Records one message; <paramref name="size"/> is what the contender adds to its checksum (its bytes, characters or change id).</summary>
    public void Add(long size)
    {
        var count = ++_count;
        if (count > messages)
        {
            return;
        }

        _checksum += size;
        if (count == 1)
        {
            clock.Start();
        }

        if (count == messages)
        {
            clock.Stop();
            _done.TrySetResult(_checksum);
        }
    }

    /// <summary>The stream ended before the last message.</summary>
    public void Fail(Exception error) => _done.TrySetException(error);

    /// <summary>The stream ended; an error if messages are missing.</summary>
    public void Complete()
    {
        if (_count < messages)
        {
            _done.TrySetException(new InvalidOperationException($"The stream ended after {_count} of {messages} messages."));
        }
    }
}
