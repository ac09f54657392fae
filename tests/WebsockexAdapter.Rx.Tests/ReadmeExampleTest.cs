using System.Collections.Concurrent;
using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using WebsockexAdapter.Rx.Tests.Loopback;

namespace WebsockexAdapter.Rx.Tests;

/// <summary>The README's standalone example, line for line, against a loopback server instead of Deribit.</summary>
public sealed class ReadmeExampleTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task StandaloneExample_ConnectsSendsAndReceives()
    {
        const string Request = """{"jsonrpc":"2.0","id":1,"method":"public/test","params":{}}""";
        const string Reply = """{"jsonrpc":"2.0","id":1,"result":{"version":"1.2.26"}}""";
        var requests = new ConcurrentQueue<string>();
        await using var server = await LoopbackServer.StartAsync(async socket =>
        {
            requests.Enqueue(System.Text.Encoding.UTF8.GetString((await socket.ReceiveAsync()).Payload));
            await socket.SendTextAsync(Reply);
            await socket.WaitForClientCloseAsync();
        });
        var console = new ConcurrentQueue<string>();
        var replied = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        using (var client = new WebSocketClient(server.Uri))
        {
            using var states = client.States.Subscribe(s => console.Enqueue(s.ToString()));
            using var feed = client.Frames
                .Where(f => f.Kind == FrameKind.Text)
                .Subscribe(f =>
                {
                    console.Enqueue(f.Text);
                    replied.TrySetResult();
                });
            await client.States.FirstAsync(s => s.Status == ConnectionStatus.Connected).ToTask().WaitAsync(Patience);
            await client.SendTextAsync(Request);
            await replied.Task.WaitAsync(Patience); // instead of Console.ReadLine()
        }

        await server.WaitUntilAsync(s => s.LiveSockets == 0, Patience);
        Assert.Equal([Request], requests);
        Assert.Contains(Reply, console);
        Assert.Contains(console, line => line.StartsWith("Connecting: opening handshake (attempt 1)", StringComparison.Ordinal));
        Assert.Contains(console, line => line.StartsWith($"Connected: connected to {server.Uri}", StringComparison.Ordinal));
    }
}
