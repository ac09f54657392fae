using System.Reflection;
using BenchmarkDotNet.Attributes;
using WebsockexAdapter.Rx.Benchmarks.Micro;

namespace WebsockexAdapter.Rx.Benchmarks.Tests;

public sealed class MicroSuiteTest
{
    [Fact]
    public async Task QuickRun_CallsEveryBenchmarkForEveryParameterAndMeasuresIt()
    {
        var results = await MicroSuite.RunQuickAsync().WaitAsync(TimeSpan.FromSeconds(60));

        var expected = MicroSuite.Benchmarks.Sum(type =>
            type.GetMethods().Count(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null)
            * (type.GetProperties().SingleOrDefault(p => p.GetCustomAttribute<ParamsAttribute>() is not null)?.GetCustomAttribute<ParamsAttribute>()!.Values.Length ?? 1));
        Assert.Equal(expected, results.Count);
        Assert.All(results, r =>
        {
            Assert.True(r.NanosecondsPerOperation > 0, $"{r.Benchmark}.{r.Method} {r.Parameters}: no time measured");
            Assert.True(r.BytesPerOperation >= 0, $"{r.Benchmark}.{r.Method} {r.Parameters}: negative allocation");
            Assert.NotNull(r.Returned);
        });
        Assert.Contains("| FanOutBenchmarks", MicroSuite.ToMarkdown(results), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FrameDecode_FrameAndBareLoopSeeTheSameBytes()
    {
        var benchmark = new FrameDecodeBenchmarks { Size = MessageSize.BookChange };
        benchmark.Setup();
        try
        {
            var bare = await benchmark.BareReceive().WaitAsync(TimeSpan.FromSeconds(10));
            var framed = await benchmark.ReceiveFrame().WaitAsync(TimeSpan.FromSeconds(10));
            var text = await benchmark.ReceiveFrameAndText().WaitAsync(TimeSpan.FromSeconds(10));

            Assert.True(bare > 64 * 200, $"only {bare} bytes for 64 book changes");
            Assert.Equal(bare, framed);
            Assert.Equal(bare, text);
        }
        finally
        {
            benchmark.Cleanup();
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    public void FanOut_EverySubscriberOfTheClientChainGetsEveryFrame(int subscribers)
    {
        var benchmark = new FanOutBenchmarks { Subscribers = subscribers };
        benchmark.Setup();
        try
        {
            Assert.Equal(1_000, benchmark.ClientFrames());
            Assert.Equal(1_000, benchmark.BareSubject());
        }
        finally
        {
            benchmark.Cleanup();
        }
    }
}
