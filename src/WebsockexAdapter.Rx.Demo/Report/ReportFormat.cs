namespace WebsockexAdapter.Rx.Demo.Report;

/// <summary>What <c>--report FILE</c> writes, told by the file's extension.</summary>
internal enum ReportFormat
{
    /// <summary>An HTML page (.html, .htm): chart, faults and summary.</summary>
    Html,

    /// <summary>The timeline chart alone (.png).</summary>
    Png,
}
