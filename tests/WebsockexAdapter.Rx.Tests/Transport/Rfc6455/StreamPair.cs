using System.IO.Pipelines;

namespace WebsockexAdapter.Rx.Tests.Transport.Rfc6455;

/// <summary>
/// Two ends of an in-memory connection: what one end writes, the other reads. Disposing an end is its hang-up: the
/// other end's reads return 0. Zero-byte reads wait for data, as a socket's do. Writes never wait.
/// </summary>
internal static class StreamPair
{
    public static (Stream Client, Stream Server) Create()
    {
        // Unbounded, so a test may write a whole script before it reads (a socket's buffers would block it).
        var unbounded = new PipeOptions(pauseWriterThreshold: 0, resumeWriterThreshold: 0);
        var toServer = new Pipe(unbounded);
        var toClient = new Pipe(unbounded);
        return (new End(toClient.Reader.AsStream(), toServer.Writer.AsStream()), new End(toServer.Reader.AsStream(), toClient.Writer.AsStream()));
    }

    private sealed class End(Stream input, Stream output) : Stream
    {
        public override bool CanRead => true;

        public override bool CanWrite => true;

        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            input.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            input.ReadAsync(buffer, offset, count, cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => input.Read(buffer, offset, count);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            output.WriteAsync(buffer, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            output.WriteAsync(buffer, offset, count, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count) => output.Write(buffer, offset, count);

        public override Task FlushAsync(CancellationToken cancellationToken) => output.FlushAsync(cancellationToken);

        public override void Flush() => output.Flush();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                input.Dispose();
                output.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
