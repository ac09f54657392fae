using System.Globalization;
using System.Text;

namespace WebsockexAdapter.Rx;

/// <summary>
/// An HTTP/1.1 response head (status line, headers, blank line) read out of a <see cref="ReceiveBuffer"/>: the proxy's
/// answer to CONNECT and the server's answer to the upgrade. Reading stops at <see cref="MaxSize"/>, so a peer cannot
/// make the client buffer without end; the bytes after the blank line stay in the buffer.
/// </summary>
internal static class HttpHead
{
    /// <summary>The most the status line and headers may take.</summary>
    public const int MaxSize = 16 * 1024;

    /// <summary>Reads the head and consumes it from the buffer.</summary>
    /// <param name="buffer">The connection's buffer; what follows the head stays in it.</param>
    /// <param name="answerTo">What the head answers, for the errors: "the server's answer to the upgrade".</param>
    /// <param name="cancellationToken">The attempt's timeout.</param>
    /// <exception cref="ProtocolViolationException">The head passes <see cref="MaxSize"/>.</exception>
    /// <exception cref="IOException">The connection closed before the head ended.</exception>
    public static async ValueTask<string> ReadAsync(ReceiveBuffer buffer, string answerTo, CancellationToken cancellationToken)
    {
        var searched = 0;
        while (true)
        {
            var from = Math.Max(0, searched - 3);
            var blankLine = buffer.Data[from..].IndexOf("\r\n\r\n"u8);
            if (blankLine >= 0)
            {
                var length = from + blankLine + 4;
                if (length > MaxSize)
                {
                    throw TooLarge(answerTo);
                }

                var head = Encoding.Latin1.GetString(buffer.Data[..length]);
                buffer.Consume(length);
                return head;
            }

            searched = buffer.Length;
            if (searched >= MaxSize)
            {
                throw TooLarge(answerTo);
            }

            if (!await buffer.FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new IOException($"The connection closed before {answerTo} came.");
            }
        }
    }

    /// <summary>The status code of the head's status line, or <see langword="null"/> when the line is not HTTP/1.x.</summary>
    public static int? StatusCode(string head)
    {
        var end = head.IndexOf("\r\n", StringComparison.Ordinal);
        var status = head[..(end < 0 ? head.Length : end)].Split(' ', 3);
        return status.Length >= 2 && status[0].StartsWith("HTTP/1.", StringComparison.Ordinal) && status[1].Length == 3
            && int.TryParse(status[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            ? code
            : null;
    }

    private static ProtocolViolationException TooLarge(string answerTo) => new($"{answerTo} has a header over {MaxSize} bytes");
}
