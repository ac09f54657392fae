using System.Reactive.Concurrency;

namespace WebsockexAdapter.Rx;

/// <summary>The <c>DeliverOn</c> operator: hand a stream to each subscriber from its own queue, off the producer's thread.</summary>
public static class DeliveryExtensions
{
    /// <summary>
    /// Gives every subscriber its own delivery queue, drained on <paramref name="scheduler"/>, so the thread that
    /// produces the stream (a connection's receive loop) never runs, or waits for, a subscriber's code: a slow or blocked
    /// subscriber delays only itself. Each subscriber gets its elements in order, one at a time, outside every lock.
    /// A subscriber that falls behind gets what <see cref="DeliveryOptions.Policy"/> says (a bounded queue that ends it
    /// with <see cref="SlowConsumerException"/>, or the latest value only); its lag is recorded in the
    /// <c>websockex.delivery.lag</c> histogram. A subscriber whose observer throws is logged and cut off alone.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="source">The stream, typically produced on a receive loop.</param>
    /// <param name="options">The stream's name, policy, grace and logger.</param>
    /// <param name="scheduler">Where the queues are drained: the thread pool by default, a virtual-time scheduler in tests.</param>
    /// <exception cref="InvalidOptionsException">The options break one or more rules (all are listed).</exception>
    public static IObservable<T> DeliverOn<T>(this IObservable<T> source, DeliveryOptions options, IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(scheduler);
        options.Validate();
        return new DeliverOn<T>(source, options, scheduler);
    }
}
