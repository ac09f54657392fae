using System.Globalization;
using System.Runtime.InteropServices;

namespace WebsockexAdapter.Rx.Benchmarks.Reporting;

/// <summary>What a result was measured on, printed above every suite's tables.</summary>
internal static class Machine
{
    public static string Describe() =>
        $"{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} cores ({CpuModel()}); " +
        $"{RuntimeInformation.FrameworkDescription}; {RuntimeInformation.OSDescription}; load average {LoadAverage()}";

    /// <summary>The 1-minute load average, the best sign here of how much else was running.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static string CpuModel()
    {
        const string path = "/proc/cpuinfo";
        var model = File.Exists(path)
            ? File.ReadLines(path).FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return model ?? RuntimeInformation.ProcessArchitecture.ToString();
    }

    public static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
