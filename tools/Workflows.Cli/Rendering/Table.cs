namespace Workflows.Cli.Rendering;

/// <summary>Plain aligned columns, like kubectl and the Temporal CLI print.</summary>
internal static class Table
{
    private const string Gap = "  ";

    /// <summary>A table under an upper-case header row.</summary>
    public static void Write(TextWriter output, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows) =>
        Write(output, rows.Prepend([.. headers.Select(h => h.ToUpperInvariant())]));

    /// <summary>Rows without a header (label/value pairs, say).</summary>
    public static void Write(TextWriter output, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = rows.ToList();
        if (all.Count == 0) return;
        var widths = all[0].Select((_, i) => all.Max(row => row[i].Length)).ToArray();
        foreach (var row in all)
            output.WriteLine(string.Join(Gap, row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
    }
}
