namespace WebsockexAdapter.Rx.Recording;

/// <summary>The block a crash cut short at the end of a file: detected by its length and left out on read.</summary>
/// <param name="Path">The file.</param>
/// <param name="Offset">Where the cut block starts.</param>
/// <param name="Length">How many bytes of it are there.</param>
public sealed record TornTail(string Path, long Offset, long Length);
