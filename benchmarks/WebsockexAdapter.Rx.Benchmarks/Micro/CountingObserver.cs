namespace WebsockexAdapter.Rx.Benchmarks.Micro;

/// <summary>An observer that only counts, so a benchmark measures the pipeline in front of it.</summary>
internal sealed class CountingObserver<T> : IObserver<T>
{
    public long Count { get; private set; }

    public void OnNext(T value) => Count++;

    public void OnError(Exception error) => throw new InvalidOperationException("The benchmark stream failed.", error);

    public void OnCompleted()
    {
    }
}
