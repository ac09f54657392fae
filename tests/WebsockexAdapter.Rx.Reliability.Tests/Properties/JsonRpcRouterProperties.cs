using System.Reactive.Concurrency;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using WebsockexAdapter.Rx.JsonRpc;

namespace WebsockexAdapter.Rx.Reliability.Tests.Properties;

/// <summary>
/// The JSON-RPC router under any interleaving of calls, replies (in any order, twice, late), notifications, garbage and
/// time: every call ends with exactly its own reply, its own error, or a timeout, never another call's answer; the
/// notifications arrive in the order sent; and everything unusable is skipped and counted, nothing more.
/// </summary>
public sealed class JsonRpcRouterProperties
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly int[] ErrorCodes = [10028, 13009, -32602, 11044];

    private static readonly string[] GarbageFrames =
    [
        "{\"jsonrpc\":\"2.0\",\"id\":",
        "[1,2,3]",
        "\"just a string\"",
        "{\"jsonrpc\":\"2.0\",\"result\":1}",
        "{\"jsonrpc\":\"2.0\",\"id\":\"7\",\"result\":1}",
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"server/request\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1}",
        new string('{', 100),
        "{\"jsonrpc\":\"2.0\",\"id\":987654321,\"result\":\"stray\"}",
    ];

    public static Arbitrary<RouterStep[]> Conversations()
    {
        var step = Gen.Frequency(
            (4, Gen.Constant(RouterStepKind.Call)),
            (3, Gen.Constant(RouterStepKind.Result)),
            (1, Gen.Constant(RouterStepKind.Error)),
            (2, Gen.Constant(RouterStepKind.Notification)),
            (1, Gen.Constant(RouterStepKind.Garbage)),
            (1, Gen.Constant(RouterStepKind.Advance)))
            .SelectMany(kind => Gen.Choose(0, 1000), (kind, pick) => new RouterStep(kind, pick));
        return Gen.ListOf(step).Select(steps => steps.ToArray()).ToArbitrary();
    }

    [Property(Arbitrary = [typeof(JsonRpcRouterProperties)], MaxTest = 200)]
    public bool EveryCall_GetsExactlyItsOwnAnswerOrATypedError_AndNotificationsKeepTheirOrder(RouterStep[] conversation)
    {
        using var harness = new RouterHarness(Timeout);
        var calls = new List<(Task<JsonElement> Task, long Deadline)>();
        var expected = new List<string>();
        var answered = new HashSet<int>();
        var expectedSkips = 0;
        var notifications = 0;

        foreach (var step in conversation)
        {
            switch (step.Kind)
            {
                case RouterStepKind.Call:
                    var now = harness.Now;
                    Task<JsonElement>? call = null;
                    harness.Run(() => call = harness.Session.CallAsync("public/test"));
                    calls.Add((call!, now + Timeout.Ticks));
                    expected.Add("pending");
                    break;

                case RouterStepKind.Result or RouterStepKind.Error when calls.Count == 0:
                    harness.Run(() => harness.Socket.SendText("{\"jsonrpc\":\"2.0\",\"id\":424242,\"result\":0}"));
                    expectedSkips++;
                    break;

                case RouterStepKind.Result or RouterStepKind.Error:
                    var index = step.Pick % calls.Count;
                    var id = index + 1;
                    var inTime = harness.Now < calls[index].Deadline;
                    var code = ErrorCodes[step.Pick % ErrorCodes.Length];
                    harness.Run(() => harness.Socket.SendText(step.Kind == RouterStepKind.Result
                        ? $"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":\"r{id}\"}}"
                        : $"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"error\":{{\"code\":{code},\"message\":\"no\"}}}}"));
                    if (inTime && answered.Add(index))
                    {
                        expected[index] = step.Kind == RouterStepKind.Result ? $"r{id}" : $"error {code}";
                    }
                    else
                    {
                        expectedSkips++;
                    }

                    break;

                case RouterStepKind.Notification:
                    var n = notifications++;
                    harness.Run(() => harness.Socket.SendText($"{{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{{\"n\":{n}}}}}"));
                    break;

                case RouterStepKind.Garbage:
                    harness.Run(() => harness.Socket.SendText(GarbageFrames[step.Pick % GarbageFrames.Length]));
                    expectedSkips++;
                    break;

                case RouterStepKind.Advance:
                    harness.Scheduler.AdvanceBy(TimeSpan.FromSeconds(step.Pick % 4).Ticks);
                    break;
            }
        }

        // Every call not answered in time has timed out once its deadline passes.
        harness.Scheduler.AdvanceBy(Timeout.Ticks + 1);
        var outcomes = calls.Select(c => Outcome(c.Task)).ToList();
        var wanted = expected.Select(e => e == "pending" ? "timeout" : e).ToList();

        return outcomes.SequenceEqual(wanted)
            && harness.Notifications.SequenceEqual(Enumerable.Range(0, notifications))
            && harness.Session.SkippedMessages == expectedSkips
            && harness.Session.PendingCount == 0;
    }

    [Property(Arbitrary = [typeof(JsonRpcRouterProperties)], MaxTest = 100)]
    public bool WhenTheConnectionDrops_EveryPendingCallFailsAtOnceWithConnectionLost(RouterStep[] conversation)
    {
        using var harness = new RouterHarness(TimeSpan.FromHours(1));
        var calls = new List<Task<JsonElement>>();
        foreach (var step in conversation.Where(s => s.Kind is RouterStepKind.Call or RouterStepKind.Result))
        {
            if (step.Kind == RouterStepKind.Call)
            {
                Task<JsonElement>? call = null;
                harness.Run(() => call = harness.Session.CallAsync("public/test"));
                calls.Add(call!);
            }
            else if (calls.Count > 0)
            {
                var id = step.Pick % calls.Count + 1;
                harness.Run(() => harness.Socket.SendText($"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"result\":\"r{id}\"}}"));
            }
        }

        var pendingBefore = calls.Where(c => !c.IsCompleted).ToList();
        harness.Run(harness.Socket.Drop);

        return pendingBefore.All(c => c.IsFaulted && c.Exception!.InnerException is ConnectionLostException)
            && calls.All(c => c.IsCompleted)
            && harness.Session.PendingCount == 0;
    }

    private static string Outcome(Task<JsonElement> call) => call.Status switch
    {
        TaskStatus.RanToCompletion => call.Result.GetString()!,
        TaskStatus.Faulted => call.Exception!.InnerException switch
        {
            JsonRpcTimeoutException => "timeout",
            JsonRpcException rpc => $"error {rpc.Code}",
            var other => $"untyped {other?.GetType().Name}",
        },
        var status => status.ToString(),
    };

    /// <summary>A session over a scripted socket on virtual time; everything runs inline on the scheduler.</summary>
    private sealed class RouterHarness : IDisposable
    {
        private readonly ScriptedTransport _server;
        private readonly WebSocketClient _client;
        private readonly IDisposable _subscription;

        public RouterHarness(TimeSpan timeout)
        {
            Scheduler = new TestScheduler();
            _server = new ScriptedTransport(Scheduler);
            _client = new WebSocketClient(new Uri("wss://exchange.test/ws"), new ClientOptions
            {
                Scheduler = Scheduler,
                TransportFactory = _server,
                KeepAlive = KeepAliveOptions.Disabled,
                ReconnectOnError = false,
            });
            JsonRpcSession? session = null;
            _subscription = _client.Connections.Subscribe(
                connection =>
                {
                    session = new JsonRpcSession(connection, new JsonRpcOptions { Scheduler = Scheduler, RequestTimeout = timeout });
                    session.Notifications.Subscribe(n => Notifications.Add(n.Params.GetProperty("n").GetInt32()), _ => { });
                },
                _ => { });
            Scheduler.AdvanceBy(1);
            Session = session!;
        }

        public TestScheduler Scheduler { get; }

        public JsonRpcSession Session { get; }

        public ScriptedSocket Socket => _server.Last;

        public List<int> Notifications { get; } = [];

        public long Now => Scheduler.Clock;

        public void Run(Action action)
        {
            Scheduler.Schedule(action);
            Scheduler.AdvanceBy(1);
        }

        public void Dispose()
        {
            Session.Dispose();
            _subscription.Dispose();
            _client.Dispose();
        }
    }
}
