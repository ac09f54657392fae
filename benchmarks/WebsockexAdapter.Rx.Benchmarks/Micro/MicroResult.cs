namespace WebsockexAdapter.Rx.Benchmarks.Micro;

/// <summary>One benchmark method with one set of parameters, as the quick run measured it.</summary>
internal sealed record MicroResult(string Benchmark, string Method, string Parameters, double NanosecondsPerOperation, double BytesPerOperation, object? Returned);
