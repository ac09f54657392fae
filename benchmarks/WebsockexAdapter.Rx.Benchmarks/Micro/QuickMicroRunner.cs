using System.Diagnostics;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace WebsockexAdapter.Rx.Benchmarks.Micro;

/// <summary>
/// The micro suite's <c>--quick</c> mode: calls every <c>[Benchmark]</c> method directly a few times, for each
/// <c>[Params]</c> value, with its <c>[GlobalSetup]</c> and <c>[GlobalCleanup]</c>, and times it with a stopwatch. It
/// proves that the benchmarks run and return something; its figures are rough (no warm-up to speak of, no statistics).
/// </summary>
internal static class QuickMicroRunner
{
    private const int Invocations = 5;

    public static async Task<IReadOnlyList<MicroResult>> RunAsync(IEnumerable<Type> benchmarks)
    {
        var results = new List<MicroResult>();
        foreach (var type in benchmarks)
        {
            var parameter = type.GetProperties().SingleOrDefault(p => p.GetCustomAttribute<ParamsAttribute>() is not null);
            var values = parameter?.GetCustomAttribute<ParamsAttribute>()!.Values ?? [null];
            foreach (var value in values)
            {
                var instance = Activator.CreateInstance(type)!;
                parameter?.SetValue(instance, value);
                await InvokeAllAsync<GlobalSetupAttribute>(instance).ConfigureAwait(false);
                try
                {
                    foreach (var method in type.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
                    {
                        results.Add(await MeasureAsync(instance, method, parameter is null ? "" : $"{parameter.Name}={value}").ConfigureAwait(false));
                    }
                }
                finally
                {
                    await InvokeAllAsync<GlobalCleanupAttribute>(instance).ConfigureAwait(false);
                }
            }
        }

        return results;
    }

    private static async Task<MicroResult> MeasureAsync(object instance, MethodInfo method, string parameters)
    {
        var operations = method.GetCustomAttribute<BenchmarkAttribute>()!.OperationsPerInvoke;
        var returned = await InvokeAsync(instance, method).ConfigureAwait(false);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < Invocations; i++)
        {
            returned = await InvokeAsync(instance, method).ConfigureAwait(false);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var total = (double)Invocations * operations;
        return new MicroResult(instance.GetType().Name, method.Name, parameters, elapsed.TotalNanoseconds / total, allocated / total, returned);
    }

    private static async Task<object?> InvokeAsync(object instance, MethodInfo method)
    {
        var result = method.Invoke(instance, null);
        switch (result)
        {
            case Task task:
                await task.ConfigureAwait(false);
                return task.GetType().GetProperty("Result")?.GetValue(task);
            case ValueTask valueTask:
                await valueTask.ConfigureAwait(false);
                return null;
            default:
                return result;
        }
    }

    private static async Task InvokeAllAsync<TAttribute>(object instance)
        where TAttribute : Attribute
    {
        foreach (var method in instance.GetType().GetMethods().Where(m => m.GetCustomAttribute<TAttribute>() is not null))
        {
            await InvokeAsync(instance, method).ConfigureAwait(false);
        }
    }
}
