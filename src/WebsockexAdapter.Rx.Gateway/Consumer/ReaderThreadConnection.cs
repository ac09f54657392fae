using System.Net.Sockets;
using System.Threading.Tasks.Sources;
using NATS.Client.Core;

namespace WebsockexAdapter.Rx.Gateway;

/// <summary>
/// A consumer's NATS socket, read by a thread of its own with blocking receives. NATS.Net's default socket waits
/// through the runtime's socket engine: each message wakes its epoll thread, which hands the read to a thread-pool
/// worker, and pool workers spin before they sleep, so every quiet message costs two wake-ups and CPU that four
/// consumer processes on a small machine take from each other. Here the kernel wakes this thread alone and NATS.Net's
/// read loop continues on it (its receive completes synchronously on the thread), and so does a stream whose
/// observer is fast (<see cref="ReaderDelivery"/>). Sends stay synchronous on the caller's thread, so the socket never
/// joins the runtime's engine (which would turn the blocking receive into an emulated one).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The event is never disposed: it holds no OS handle (its WaitHandle is never read), and DisposeAsync may still set it after the thread ended.")]
internal sealed class ReaderThreadConnection : INatsSocketConnection, IValueTaskSource<int>
{
    [ThreadStatic]
    private static bool t_reader;

    private readonly Socket _socket;
    private readonly ManualResetEventSlim _requested = new(initialState: false, spinCount: 1);
    private ManualResetValueTaskSourceCore<int> _receive;
    private Memory<byte> _buffer;
    private Thread? _thread;
    private int _outstanding;
    private int _disposed;

    private ReaderThreadConnection(Socket socket)
    {
        _socket = socket;
    }

    /// <summary>Whether this thread is a connection's reader thread.</summary>
    public static bool OnReaderThread => t_reader;

    /// <summary>Connects with a blocking connect on a pool thread; a cancelled connect closes the socket.</summary>
    public static async ValueTask<INatsSocketConnection> ConnectAsync(Uri uri, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using (cancellationToken.Register(static s => ((Socket)s!).Dispose(), socket))
            {
                await Task.Run(() => socket.Connect(uri.Host, uri.Port), cancellationToken).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            return new ReaderThreadConnection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public ValueTask<int> SendAsync(ReadOnlyMemory<byte> buffer) => new(_socket.Send(buffer.Span, SocketFlags.None));

    public ValueTask<int> ReceiveAsync(Memory<byte> buffer)
    {
        _receive.Reset();
        _buffer = buffer;
        Volatile.Write(ref _outstanding, 1);
        if (_thread is null)
        {
            _thread = new Thread(static s => ((ReaderThreadConnection)s!).ReceiveLoop()) { IsBackground = true, Name = "NATS reader" };
            _thread.Start(this);
        }

        // Usually called on the reader thread itself, from the read loop it just resumed: the loop below sees the
        // request as soon as that returns, without a wake-up.
        _requested.Set();
        return new ValueTask<int>(this, _receive.Version);
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            try
            {
                _socket.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
                // Already closed by the other side.
            }

            _socket.Dispose();
            _requested.Set();
        }

        return default;
    }

    int IValueTaskSource<int>.GetResult(short token) => _receive.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _receive.GetStatus(token);

    void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _receive.OnCompleted(continuation, state, token, flags);

    private void ReceiveLoop()
    {
        t_reader = true;
        while (true)
        {
            _requested.Wait();
            _requested.Reset();
            if (Volatile.Read(ref _outstanding) == 0)
            {
                // Woken by DisposeAsync with no receive asked for.
                if (Volatile.Read(ref _disposed) == 1)
                {
                    return;
                }

                continue;
            }

            Volatile.Write(ref _outstanding, 0);
            if (Volatile.Read(ref _disposed) == 1)
            {
                _receive.SetException(new ObjectDisposedException(nameof(ReaderThreadConnection)));
                return;
            }

            int received;
            try
            {
                received = _socket.Receive(_buffer.Span, SocketFlags.None);
            }
#pragma warning disable CA1031 // Not swallowed: it is the receive's result, which NATS.Net's read loop sees.
            catch (Exception error)
#pragma warning restore CA1031
            {
                _receive.SetException(error);
                return;
            }

            // Runs NATS.Net's read loop on this thread until it asks for the next receive.
            _receive.SetResult(received);
            if (received == 0)
            {
                return;
            }
        }
    }
}
