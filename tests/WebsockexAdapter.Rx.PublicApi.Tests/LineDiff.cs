using System.Text;

namespace WebsockexAdapter.Rx.PublicApi.Tests;

/// <summary>The lines two texts do not share, in order, as <c>- old</c> and <c>+ new</c> with line numbers: enough to review an API change.</summary>
internal static class LineDiff
{
    public static string Describe(string before, string after)
    {
        var a = before.Split('\n');
        var b = after.Split('\n');

        // The common head and tail are skipped first, so the quadratic part only sees the region that changed.
        var head = 0;
        while (head < a.Length && head < b.Length && a[head] == b[head])
        {
            head++;
        }

        var tail = 0;
        while (tail < a.Length - head && tail < b.Length - head && a[^(tail + 1)] == b[^(tail + 1)])
        {
            tail++;
        }

        var oldPart = a[head..^tail];
        var newPart = b[head..^tail];
        var common = LongestCommonSubsequence(oldPart, newPart);

        var text = new StringBuilder();
        int i = 0, j = 0;
        while (i < oldPart.Length || j < newPart.Length)
        {
            if (i < oldPart.Length && j < newPart.Length && oldPart[i] == newPart[j])
            {
                i++;
                j++;
            }
            else if (j < newPart.Length && (i == oldPart.Length || common[i, j + 1] >= common[i + 1, j]))
            {
                text.Append("  + ").Append(head + j + 1).Append(": ").AppendLine(newPart[j++]);
            }
            else
            {
                text.Append("  - ").Append(head + i + 1).Append(": ").AppendLine(oldPart[i++]);
            }
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>common[i, j]: the length of the longest common subsequence of old[i..] and new[j..].</summary>
    private static int[,] LongestCommonSubsequence(string[] oldLines, string[] newLines)
    {
        var common = new int[oldLines.Length + 1, newLines.Length + 1];
        for (var i = oldLines.Length - 1; i >= 0; i--)
        {
            for (var j = newLines.Length - 1; j >= 0; j--)
            {
                common[i, j] = oldLines[i] == newLines[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        return common;
    }
}
