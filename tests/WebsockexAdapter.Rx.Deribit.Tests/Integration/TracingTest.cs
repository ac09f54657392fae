using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using System.Reactive.Threading.Tasks;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace WebsockexAdapter.Rx.Deribit.Tests.Integration;

/// <summary>The spans come from a process-wide source: no other test may make connections while these collect them.</summary>
[CollectionDefinition(nameof(TracingTest), DisableParallelization = true)]
public sealed class TracingTestGroup;

[Collection(nameof(TracingTest))]
public sealed class TracingTest : SimulatorTest
{
    private static readonly string[] RestoreSpans =
    [
        "websockex.restore.heartbeat", "websockex.restore.auth", "websockex.restore.cancel-on-disconnect", "websockex.restore.subscribe",
    ];

    [Fact]
    public async Task AKillAndRestore_IsOneTracePerAttempt_WithTheRestoreStepsAsChildren_AndTheRefusedAttemptsCarryTheirError()
    {
        var spans = new Spans();
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(ConnectionTracing.ActivitySourceName)
            .AddInMemoryExporter(spans)
            .Build();
        // The drop is a reset and the refusals are 503s; a heartbeat's reconnect would add live attempts to the trace.
        var adapter = Adapter(WithoutWallClockDeadlines);
        var sessions = Record(adapter.Connections);
        Keep(adapter.SubscribeTicker("BTC-PERPETUAL").Subscribe(_ => { }));
        var first = await sessions.FirstAsync().ToTask().WaitAsync(Timeout);

        Simulator.RefuseConnections(TimeSpan.FromSeconds(1));
        Simulator.DropAllConnections();
        var second = await sessions.FirstAsync(s => s.Epoch == 2).ToTask().WaitAsync(Timeout);

        // A span is exported when it ends, and both attempt spans end before their session is handed out.
        var all = spans.Snapshot();
        var attempts = all.Where(s => s.OperationName == ConnectionTracing.AttemptSpanName).OrderBy(s => s.StartTimeUtc).ToList();
        var live = attempts.Where(s => s.Status != ActivityStatusCode.Error).ToList();
        Assert.Equal([first.ConnectionId, second.ConnectionId], live.Select(s => s.GetTagItem(ConnectionTracing.ConnectionIdTag)));
        Assert.Equal([1, 2], live.Select(s => s.GetTagItem(ConnectionTracing.EpochTag)));
        foreach (var (attempt, session) in live.Zip([first, second]))
        {
            Assert.Null(attempt.ParentId);
            Assert.Equal(ActivityKind.Client, attempt.Kind);
            var steps = all.Where(s => s.ParentSpanId == attempt.SpanId).OrderBy(s => s.StartTimeUtc).ToList();
            Assert.Equal(RestoreSpans, steps.Select(s => s.OperationName));
            Assert.All(steps, step =>
            {
                Assert.Equal(attempt.TraceId, step.TraceId);
                Assert.Equal(session.ConnectionId, step.GetTagItem(ConnectionTracing.ConnectionIdTag));
                Assert.Equal(session.Epoch, step.GetTagItem(ConnectionTracing.EpochTag));
                Assert.NotEqual(ActivityStatusCode.Error, step.Status);
                Assert.InRange(step.StartTimeUtc, attempt.StartTimeUtc, attempt.StartTimeUtc + attempt.Duration);
            });
        }

        Assert.NotEqual(live[0].TraceId, live[1].TraceId);

        // The refusal began before the drop, so at least the first retry, made at once, is refused: failed attempts between the two connections.
        var refused = attempts.Where(s => s.Status == ActivityStatusCode.Error).ToList();
        Assert.True(refused.Count > 0, string.Join("\n", all.Select(s => $"{s.OperationName} {s.Status} {s.StartTimeUtc:HH:mm:ss.fff} {string.Join(",", s.TagObjects)}")));
        Assert.All(refused, attempt =>
        {
            Assert.InRange(attempt.StartTimeUtc, live[0].StartTimeUtc, live[1].StartTimeUtc);
            Assert.Null(attempt.ParentId);
            Assert.Equal(2, attempt.GetTagItem(ConnectionTracing.EpochTag));
            Assert.DoesNotContain(all, s => s.ParentSpanId == attempt.SpanId);
            var exception = Assert.Single(attempt.Events, e => e.Name == "exception");
            var type = Assert.IsType<string>(exception.Tags.Single(t => t.Key == "exception.type").Value);
            Assert.True(typeof(WebSocketClientException).IsAssignableFrom(typeof(WebSocketClientException).Assembly.GetType(type)), type);
            Assert.Equal(attempt.StatusDescription, exception.Tags.Single(t => t.Key == "exception.message").Value);
        });
        var numbers = refused.Append(live[1]).Select(s => (int)s.GetTagItem(ConnectionTracing.AttemptTag)!).ToList();
        Assert.Equal(Enumerable.Range(numbers[0], numbers.Count), numbers);
    }

    [Fact]
    public void TheReadmesWiring_ListensToTheClientsSourceAndMeter()
    {
        // README.md, "Metrics and traces (OpenTelemetry)", line for line: this fails to build if the snippet goes stale.
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(ConnectionTracing.ActivitySourceName)
            .AddConsoleExporter()
            .Build();
        using var metrics = Sdk.CreateMeterProviderBuilder()
            .AddMeter(ClientMetrics.MeterName)
            .AddConsoleExporter()
            .Build();
        using var adapter = new DeribitAdapter(new DeribitOptions());

        // Probes under the same names: enabled only if the providers above listen to them.
        using var source = new ActivitySource(ConnectionTracing.ActivitySourceName);
        using var meter = new Meter(ClientMetrics.MeterName);
        Assert.True(source.HasListeners());
        Assert.True(meter.CreateCounter<long>("websockex.readme.probe").Enabled);
    }

    /// <summary>Subscribes now and replays everything seen to each later query, so no await misses an element.</summary>
    private ReplaySubject<T> Record<T>(IObservable<T> source)
    {
        var replay = new ReplaySubject<T>();
        Keep(source.Subscribe(replay));
        Keep(replay);
        return replay;
    }

    /// <summary>The exporter's list, locked: spans end on the connections' threads while the test reads.</summary>
    private sealed class Spans : Collection<Activity>
    {
        public List<Activity> Snapshot()
        {
            lock (Items)
            {
                return [.. Items];
            }
        }

        protected override void InsertItem(int index, Activity item)
        {
            lock (Items)
            {
                base.InsertItem(index, item);
            }
        }
    }
}
