using System.Reflection;
using PublicApiGenerator;
using WebsockexAdapter.Rx.Deribit;
using WebsockexAdapter.Rx.Gateway;
using WebsockexAdapter.Rx.Recording;
using WebsockexAdapter.Rx.Simulator;
using WebsockexAdapter.Rx.Testing;
using WebsockexAdapter.Rx.WebsocketClient;

namespace WebsockexAdapter.Rx.PublicApi.Tests;

/// <summary>
/// Pins the public surface of every library under src/: each assembly's API, as PublicApiGenerator prints it, must
/// equal its file in Approved/. A change to the surface is a change to that file, seen in review.
/// To accept a change: <c>ACCEPT_PUBLIC_API=1 dotnet test tests/WebsockexAdapter.Rx.PublicApi.Tests -c Release</c>.
/// </summary>
public sealed class PublicApiApprovalTest
{
    private static readonly Dictionary<string, Assembly> Libraries = new[]
    {
        typeof(WebSocketClient).Assembly,
        typeof(DeribitAdapter).Assembly,
        typeof(TestScheduler).Assembly,
        typeof(WebsocketClientTransportFactory).Assembly,
        typeof(DeribitSimulator).Assembly,
        typeof(SessionRecorder).Assembly,
        typeof(Recording.Parquet.RecordingParquetExport).Assembly,
        typeof(GatewayOptions).Assembly,
    }.ToDictionary(a => a.GetName().Name!);

    public static TheoryData<string> LibraryNames => [.. Libraries.Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(LibraryNames))]
    public void PublicApi_MatchesApprovedFile(string library)
    {
        var api = Libraries[library].GeneratePublicApi(new ApiGeneratorOptions
        {
            // The target framework is the build's business, not the API's; it would churn on every upgrade.
            ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute"],
        });

        var mismatch = ApprovedFile.Check(library, api);

        Assert.True(mismatch is null, mismatch);
    }

    [Fact]
    public void EverySrcLibrary_IsPinned()
    {
        // A library added under src/ without its approved file would have an unpinned surface.
        var projects = Directory.GetDirectories(Path.Combine(ApprovedFile.RepositoryRoot, "src"))
            .Select(Path.GetFileName)
            .Where(name => File.Exists(Path.Combine(ApprovedFile.RepositoryRoot, "src", name!, $"{name}.csproj")))
            .Where(name => name != "WebsockexAdapter.Rx.Demo") // an application, not a library
            .Order(StringComparer.Ordinal);

        Assert.Equal(projects, Libraries.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Libraries_GrantInternalsToTestsAndBenchmarksOnly()
    {
        // An adapter is built on the same public API a user has: no library may see another library's internals.
        var grants = Libraries.Values
            .SelectMany(a => a.GetCustomAttributes<System.Runtime.CompilerServices.InternalsVisibleToAttribute>()
                .Select(ivt => (From: a.GetName().Name, To: ivt.AssemblyName)))
            .Where(g => !g.To.EndsWith(".Tests", StringComparison.Ordinal) && !g.To.EndsWith(".Benchmarks", StringComparison.Ordinal))
            .Select(g => $"{g.From} -> {g.To}");

        Assert.Empty(grants);
    }
}
