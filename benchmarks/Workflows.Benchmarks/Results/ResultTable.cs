using System.Globalization;
using System.Text;

namespace Workflows.Benchmarks.Results;

/// <summary>Prints the results as two plain-text tables: every metric, then the goals.</summary>
internal static class ResultTable
{
    public static string Render(BenchmarkReport report)
    {
        var metrics = new List<string[]> { new[] { "scenario", "metric", "value", "unit" } };
        foreach (var scenario in report.Scenarios)
        {
            var label = scenario.Completed ? scenario.Name : scenario.Name + " (incomplete)";
            foreach (var metric in scenario.Metrics)
            {
                metrics.Add([label, metric.Name, Format(metric.Value), metric.Unit]);
                label = "";
            }
            if (label.Length > 0) metrics.Add([label, "(nothing measured)", "", ""]);
        }

        var goals = new List<string[]> { new[] { "goal", "target", "measured", "verdict" } };
        goals.AddRange(report.Goals.Select(g => new[] { g.Name, g.Target, g.Measured, g.Met switch { true => "PASS", false => "FAIL", null => "n/a" } }));

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Workflows system benchmark, {report.StartedAt:yyyy-MM-dd HH:mm}Z, {report.Machine}{(report.Quick ? ", --quick (harness check, not a measurement)" : "")}");
        Write(text, metrics, rightAligned: 2);
        foreach (var scenario in report.Scenarios)
            foreach (var note in scenario.Notes)
                text.AppendLine(CultureInfo.InvariantCulture, $"- {scenario.Name}: {note}");
        text.AppendLine();
        Write(text, goals, rightAligned: -1);
        return text.ToString();
    }

    private static string Format(double value) => double.IsNaN(value) ? "–" : value switch
    {
        >= 10_000 => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 100 => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("N1", CultureInfo.InvariantCulture),
        _ => value.ToString("N2", CultureInfo.InvariantCulture),
    };

    private static void Write(StringBuilder text, List<string[]> rows, int rightAligned)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        string Line(string[] row) => "| " + string.Join(" | ", row.Select((cell, c) => c == rightAligned ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]))) + " |";
        text.AppendLine(Line(rows[0]));
        text.AppendLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
        foreach (var row in rows.Skip(1))
            text.AppendLine(Line(row));
    }
}
