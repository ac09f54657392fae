using System.Collections.Concurrent;
using WebsockexAdapter.Rx.Deribit;
using WebsockexAdapter.Rx.Reliability.Tests.Support;
using WebsockexAdapter.Rx.Simulator;

namespace WebsockexAdapter.Rx.Reliability.Tests.Disposal;

/// <summary>
/// Disposal races over real sockets, for the client and the adapter: during connect, restore and backoff, from inside
/// OnNext, twice, and from many threads at once. Nothing escapes, and no socket is left open on either side (the
/// server counts the TCP connections it holds, the client's transport factory counts the sockets it made).
/// </summary>
public sealed class SocketDisposalTest
{
    private const int Threads = 16;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public static TheoryData<string> ClientStages => ["connecting", "connected", "backoff", "inside OnNext", "many threads"];

    [Theory]
    [MemberData(nameof(ClientStages))]
    public async Task DisposingTheClient_LeavesNoSocketOnEitherSide(string stage)
    {
        await using var server = RawWebSocketServer.Start(async peer =>
        {
            if (stage == "connecting")
            {
                await peer.ReadRequestAsync();
            }
            else if (stage == "backoff")
            {
                // Accepted and hung up at once: the client backs off before its next attempt.
                await peer.UpgradeAsync();
                return;
            }
            else
            {
                await peer.UpgradeAsync();
                await peer.SendTextAsync("hello");
                await peer.ReadUntilCloseAsync();
                await peer.SendCloseAsync(1000);
            }

            await peer.WaitForHangUpAsync();
        });
        var sockets = new RecordingTransportFactory();
        var client = new WebSocketClient(server.Uri, new ClientOptions
        {
            TransportFactory = sockets,
            Backoff = new BackoffOptions { InitialDelay = TimeSpan.FromMinutes(1), MaxDelay = TimeSpan.FromMinutes(1), UseJitter = false },
        });
        var errors = new ConcurrentQueue<Exception>();
        var reached = new TaskCompletionSource();
        using var frames = client.Frames.Subscribe(_ =>
        {
            if (stage == "inside OnNext")
            {
                Guard(errors, client.Dispose);
            }

            reached.TrySetResult();
        });
        using var states = client.States.Subscribe(s =>
        {
            if ((stage == "connecting" && s.Status == ConnectionStatus.Connecting) || (stage == "backoff" && s.Status == ConnectionStatus.Reconnecting))
            {
                reached.TrySetResult();
            }
        });
        await server.WaitForAcceptedAsync(1, Timeout);
        await reached.Task.WaitAsync(Timeout);

        await DisposeAsync(stage, client.Dispose, errors);
        await server.WaitForAliveAsync(0, Timeout);
        await sockets.WaitForReleasedAsync(Timeout);

        Assert.Empty(errors);
        Assert.Equal(ConnectionStatus.Disconnected, client.CurrentState.Status);
        Assert.Equal(0, server.ScriptFailures);
    }

    public static TheoryData<string> AdapterStages => ["connecting", "restoring", "backoff", "live", "inside OnNext", "many threads"];

    [Theory]
    [MemberData(nameof(AdapterStages))]
    public async Task DisposingTheAdapter_LeavesNoSocketOnEitherSide(string stage)
    {
        await using var simulator = await DeribitSimulator.StartAsync(new SimulatorOptions
        {
            MinHeartbeatInterval = TimeSpan.FromMilliseconds(200),
            NotificationInterval = TimeSpan.FromMilliseconds(20),
        });
        await using var silent = RawWebSocketServer.Start(async peer =>
        {
            await peer.ReadRequestAsync();
            await peer.WaitForHangUpAsync();
        });
        if (stage == "restoring")
        {
            simulator.DelayReplies(TimeSpan.FromSeconds(30));
        }

        var sockets = new RecordingTransportFactory();
        var adapter = new DeribitAdapter(new DeribitOptions
        {
            Url = stage == "connecting" ? new Uri(silent.Uri, "/ws/api/v2") : simulator.Uri,
            Credentials = new DeribitCredentials { ClientId = SimulatorOptions.DefaultClientId, ClientSecret = SimulatorOptions.DefaultClientSecret },
            CancelOnDisconnect = Deribit.CancelOnDisconnectScope.Connection,
            HeartbeatInterval = TimeSpan.FromSeconds(1),
            Backoff = new BackoffOptions { InitialDelay = TimeSpan.FromMinutes(1), MaxDelay = TimeSpan.FromMinutes(1), UseJitter = false },
            Client = new ClientOptions { TransportFactory = sockets },
        });
        var errors = new ConcurrentQueue<Exception>();
        var reached = new TaskCompletionSource();
        using var ticker = adapter.SubscribeTicker("BTC-PERPETUAL").Subscribe(
            _ =>
            {
                if (stage == "inside OnNext")
                {
                    Guard(errors, adapter.Dispose);
                }

                reached.TrySetResult();
            },
            _ => { });
        using var states = adapter.States.Subscribe(s =>
        {
            var wanted = stage switch
            {
                "connecting" => AdapterStatus.Connecting,
                "restoring" => AdapterStatus.Restoring,
                "backoff" => AdapterStatus.Reconnecting,
                "live" or "many threads" => AdapterStatus.Live,
                _ => (AdapterStatus?)null,
            };
            if (s.Status == wanted)
            {
                reached.TrySetResult();
            }
        });
        if (stage == "connecting")
        {
            await silent.WaitForAcceptedAsync(1, Timeout);
        }

        if (stage == "backoff")
        {
            await simulator.WaitForConnectionsAliveAsync(1, Timeout);
            simulator.RefuseConnections(TimeSpan.FromMinutes(1));
            simulator.DropAllConnections();
        }

        await reached.Task.WaitAsync(Timeout);

        await DisposeAsync(stage, adapter.Dispose, errors);
        await simulator.WaitForConnectionsAliveAsync(0, Timeout);
        await silent.WaitForAliveAsync(0, Timeout);
        await sockets.WaitForReleasedAsync(Timeout);

        Assert.Empty(errors);
        Assert.Equal(AdapterStatus.Stopped, adapter.CurrentState.Status);
    }

    private static async Task DisposeAsync(string stage, Action dispose, ConcurrentQueue<Exception> errors)
    {
        if (stage == "many threads")
        {
            // Threads of their own: blocked pool threads would wait for the pool to grow.
            using var start = new Barrier(Threads);
            var done = new CountdownEvent(Threads);
            for (var i = 0; i < Threads; i++)
            {
                new Thread(() =>
                {
                    start.SignalAndWait(Timeout);
                    Guard(errors, dispose);
                    done.Signal();
                }) { IsBackground = true }.Start();
            }

            await Task.Run(() => done.Wait(Timeout)).WaitAsync(Timeout);
            done.Dispose();
        }
        else if (stage != "inside OnNext")
        {
            Guard(errors, dispose);
            Guard(errors, dispose);
        }
    }

    private static void Guard(ConcurrentQueue<Exception> errors, Action action)
    {
        try
        {
            action();
        }
#pragma warning disable CA1031 // Collected: the assertion is that there are none.
        catch (Exception error)
#pragma warning restore CA1031
        {
            errors.Enqueue(error);
        }
    }
}
