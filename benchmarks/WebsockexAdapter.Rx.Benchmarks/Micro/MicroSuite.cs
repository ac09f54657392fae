using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using WebsockexAdapter.Rx.Benchmarks.Reporting;

namespace WebsockexAdapter.Rx.Benchmarks.Micro;

/// <summary>The micro suite: BenchmarkDotNet in full mode, a direct call of every benchmark in quick mode.</summary>
internal static class MicroSuite
{
    public static IReadOnlyList<Type> Benchmarks { get; } =
        [typeof(FrameDecodeBenchmarks), typeof(RetryOverheadBenchmarks), typeof(FanOutBenchmarks), typeof(JsonRpcRoutingBenchmarks), typeof(AdapterPathBenchmarks), typeof(TypedDecodeBenchmarks), typeof(TypedPathBenchmarks), typeof(BookApplyBenchmarks)];

    /// <summary>Runs BenchmarkDotNet in this process (no generated project to build), passing <paramref name="args"/> on.</summary>
    public static int RunBenchmarkDotNet(string[] args)
    {
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(5).WithIterationCount(15));
        var summaries = BenchmarkSwitcher.FromTypes([.. Benchmarks]).Run(args.Length == 0 ? ["--filter", "*"] : args, config);
        return summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success)) ? 1 : 0;
    }

    public static Task<IReadOnlyList<MicroResult>> RunQuickAsync() => QuickMicroRunner.RunAsync(Benchmarks);

    public static string ToMarkdown(IReadOnlyList<MicroResult> results) =>
        "Quick mode: every benchmark method called directly 5 times (not BenchmarkDotNet); rough figures.\n\n" +
        MarkdownTable.Render(
            ["benchmark", "method", "params", "ns/op", "B/op"],
            results.Select(r => (IReadOnlyList<string>)
            [
                r.Benchmark,
                r.Method,
                r.Parameters,
                FormattableString.Invariant($"{r.NanosecondsPerOperation:0.0}"),
                FormattableString.Invariant($"{r.BytesPerOperation:0}"),
            ]));
}
