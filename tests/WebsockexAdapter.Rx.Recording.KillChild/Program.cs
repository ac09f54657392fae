// Records a standalone client's session to args[1] while it reads the simulator at args[0], and prints the number of
// text frames received so far after each one, so the test that kills this process knows what it had received, and when.
using System.Globalization;
using WebsockexAdapter.Rx;
using WebsockexAdapter.Rx.Recording;

var recorder = SessionRecorder.Create(args[1]);
var client = new WebSocketClient(new Uri(args[0]), new ClientOptions { KeepAlive = KeepAliveOptions.Disabled }.RecordTo(recorder));
var received = 0;
var output = Console.Out;
using var frames = client.Frames.Subscribe(frame =>
{
    if (frame.Kind == FrameKind.Text)
    {
        received++;
        output.WriteLine(received.ToString(CultureInfo.InvariantCulture));
        output.Flush();
    }
});
using var connected = client.Connections.Subscribe(connection =>
    _ = connection.SendTextAsync("""{"jsonrpc":"2.0","id":1,"method":"public/subscribe","params":{"channels":["book.BTC-PERPETUAL.100ms"]}}""").AsTask());

// Runs until the test kills it; a line on stdin (or its end) stops it gracefully when run by hand.
Console.In.ReadLine();
client.Dispose();
recorder.Dispose();
