using System.Net.Sockets;
using System.Threading.Tasks.Sources;
using NATS.Client.Core;

namespace WebsockexAdapter.Rx.Gateway;

/// <summary>
/// A consumer's NATS socket, read with blocking receives by one of two threads of its own, which take turns. NATS.Net's
/// default socket waits through the runtime's socket engine and thread pool: each quiet message wakes pool workers,
/// which spin before they sleep, so several consumer processes on a small machine take the cores from each other
/// (about 15 context switches and 100 µs of CPU per message per process at 1,000 msg/s). Here the kernel wakes the
/// thread whose turn it is, and NATS.Net's read loop runs on it.
/// </summary>
/// <remarks>
/// A message the read loop handed to a <see cref="ChannelSubscription"/> whose stream was waiting is delivered by the
/// thread that read it, once the read loop is waiting for the next receive: that thread first hands the socket to the
/// other one (waking it, which the delivery does not wait for), so an observer that blocks holds only the thread it
/// runs on, and the other thread keeps reading. Other streams that were waiting after the same receive go to the thread
/// pool, so none waits behind that observer; if the other thread is still delivering, the reader keeps its turn and
/// sends every waiting stream to the pool. A quiet message thus reaches the observer with no
/// thread hand-off; sends stay synchronous on the caller's thread, so the socket never joins the runtime's engine.
/// </remarks>
internal sealed class ReaderThreadConnection : INatsSocketConnection, IValueTaskSource<int>
{
    /// <summary>The name of both reader threads.</summary>
    public const string ThreadName = "NATS reader";

    // The deliveries found while this thread runs NATS.Net's read loop; null on every other thread.
    [ThreadStatic]
    private static List<IThreadPoolWorkItem>? t_deliveries;

    private readonly Socket _socket;
    private readonly object _gate = new();
    private readonly Reader?[] _readers = new Reader?[2];
    private ManualResetValueTaskSourceCore<int> _receive;
    private Memory<byte> _buffer;
    private Reader? _turn;
    private bool _requested;
    private bool _disposed;

    private ReaderThreadConnection(Socket socket)
    {
        _socket = socket;
    }

    /// <summary>Whether this thread is running NATS.Net's read loop for one of these connections.</summary>
    public static bool InReadLoop => t_deliveries is not null;

    /// <summary>
    /// Runs <paramref name="delivery"/> on this thread once NATS.Net's read loop waits again, after the socket has been
    /// handed to the other reader; false when this thread is not in a read loop (the caller uses the pool).
    /// </summary>
    public static bool TryDeliverAfterRead(IThreadPoolWorkItem delivery)
    {
        if (t_deliveries is not { } deliveries)
        {
            return false;
        }

        deliveries.Add(delivery);
        return true;
    }

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
        Reader turn;
        lock (_gate)
        {
            if (_disposed)
            {
                return ValueTask.FromException<int>(new ObjectDisposedException(nameof(ReaderThreadConnection)));
            }

            _requested = true;
            turn = _turn ??= Start(0);
        }

        // Usually called on the reader itself, from the read loop it runs: it sees the request once the loop returns.
        turn.Wake.Set();
        return new ValueTask<int>(this, _receive.Version);
    }

    public ValueTask DisposeAsync()
    {
        Reader?[] readers;
        lock (_gate)
        {
            if (_disposed)
            {
                return default;
            }

            _disposed = true;
            readers = [.. _readers];
        }

        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already closed by the other side.
        }

        _socket.Dispose();
        foreach (var reader in readers)
        {
            reader?.Wake.Set();
        }

        return default;
    }

    int IValueTaskSource<int>.GetResult(short token) => _receive.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _receive.GetStatus(token);

    void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _receive.OnCompleted(continuation, state, token, flags);

    private Reader Start(int index)
    {
        var reader = _readers[index] = new Reader(index);
        var thread = new Thread(static s =>
        {
            var (connection, reader) = ((ReaderThreadConnection, Reader))s!;
            connection.Run(reader);
        })
        { IsBackground = true, Name = ThreadName };
        thread.Start((this, reader));
        return reader;
    }

    private void Run(Reader reader)
    {
        var deliveries = new List<IThreadPoolWorkItem>();
        while (WaitForTurn(reader))
        {
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

            t_deliveries = deliveries;
            try
            {
                // Runs NATS.Net's read loop on this thread until it asks for the next receive (or awaits something else).
                _receive.SetResult(received);
            }
            finally
            {
                t_deliveries = null;
            }

            if (received == 0)
            {
                return;
            }

            if (deliveries.Count > 0)
            {
                Deliver(reader, deliveries);
            }
        }
    }

    /// <summary>Hands the socket to the other reader and delivers here, or, if the other one is busy, keeps reading and leaves the deliveries to the pool.</summary>
    private void Deliver(Reader reader, List<IThreadPoolWorkItem> deliveries)
    {
        Reader? next = null;
        lock (_gate)
        {
            var other = _readers[1 - reader.Index];
            if (!_disposed && (other is null || other.Idle))
            {
                next = other ?? Start(1 - reader.Index);
                next.Idle = false;
                _turn = next;
            }
        }

        if (next is not null)
        {
            next.Wake.Set();
        }

        // Only the first stream runs here: one whose observer blocks must not hold the others that were waiting too.
        for (var i = next is null ? 0 : 1; i < deliveries.Count; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(deliveries[i], preferLocal: false);
        }

        var first = deliveries[0];
        deliveries.Clear();
        if (next is not null)
        {
            first.Execute();
        }
    }

    /// <summary>Waits until it is this reader's turn and a receive is asked for; false once the connection is disposed.</summary>
    private bool WaitForTurn(Reader reader)
    {
        while (true)
        {
            bool disposed, abandoned = false;
            lock (_gate)
            {
                disposed = _disposed;
                if (disposed)
                {
                    abandoned = _turn == reader && _requested;
                    _requested &= !abandoned;
                }
                else if (_turn == reader && _requested)
                {
                    _requested = false;
                    return true;
                }
                else
                {
                    reader.Idle = _turn != reader;
                    reader.Wake.Reset();
                }
            }

            if (disposed)
            {
                // A receive asked for but never started still completes, or NATS.Net's read loop would wait for it forever.
                if (abandoned)
                {
                    _receive.SetException(new ObjectDisposedException(nameof(ReaderThreadConnection)));
                }

                return false;
            }

            reader.Wake.Wait();
        }
    }

    /// <summary>One of the two threads: whether it waits for its turn (so it may take the socket) and what wakes it.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The event is never disposed: it holds no OS handle (its WaitHandle is never read), and DisposeAsync may still set it after the thread ended.")]
    private sealed class Reader(int index)
    {
        public int Index { get; } = index;

        public ManualResetEventSlim Wake { get; } = new(initialState: false, spinCount: 1);

        public bool Idle { get; set; }
    }
}
