using System.Buffers;

namespace WebsockexAdapter.Rx.Gateway;

/// <summary>How one channel kind's data is written into, and read from, a gateway record.</summary>
internal interface IPayloadCodec<T>
{
    void Write(IBufferWriter<byte> output, T value);

    /// <exception cref="FormatException">The bytes are not a <typeparamref name="T"/>.</exception>
    T Read(ReadOnlySpan<byte> bytes);
}
