namespace WebsockexAdapter.Rx;

/// <summary>How a connection ended: with an error, or with a close frame from the server, or closed by this side.</summary>
/// <param name="Error">The failure, or <see langword="null"/> for a clean close.</param>
/// <param name="ServerClose">The server's close frame when the server started the close.</param>
internal readonly record struct ConnectionEnd(Exception? Error, Frame? ServerClose);
