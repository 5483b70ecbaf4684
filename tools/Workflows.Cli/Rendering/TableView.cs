using Spectre.Console;
using Spectre.Console.Rendering;

namespace Workflows.Cli.Rendering;

/// <summary>
/// Tables drawn by Spectre.Console without borders (kubectl's and the Temporal CLI's look): aligned columns under an upper-case
/// header, written without colour or trailing padding so that pipes and scripts get plain lines.
/// </summary>
internal static class TableView
{
    // Wide enough that no cell is wrapped: a line per row is what grep and the tests read.
    private const int Width = 1_000_000;

    /// <summary>A table under an upper-case header row.</summary>
    public static void Write(TextWriter output, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows) =>
        Write(output, Build(headers.Select(h => h.ToUpperInvariant()).ToList(), rows, showHeaders: true));

    /// <summary>Rows without a header (label/value pairs, say).</summary>
    public static void Write(TextWriter output, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = rows.ToList();
        if (all.Count == 0) return;
        Write(output, Build([.. all[0].Select(_ => "")], all, showHeaders: false));
    }

    /// <summary>Renders <paramref name="renderable"/> as plain text: no ANSI codes, lines without trailing spaces.</summary>
    public static string Plain(IRenderable renderable)
    {
        using var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(text),
        });
        console.Profile.Width = Width;
        console.Write(renderable);
        return string.Join('\n', text.ToString().Split('\n').Select(line => line.TrimEnd()));
    }

    private static void Write(TextWriter output, Table table) => output.Write(Plain(table));

    private static Table Build(List<string> headers, IEnumerable<IReadOnlyList<string>> rows, bool showHeaders)
    {
        var table = new Table { Border = TableBorder.None, ShowHeaders = showHeaders };
        foreach (var header in headers)
            table.AddColumn(new TableColumn(new Text(header)) { Padding = new Padding(0, 0, 2, 0), NoWrap = true });
        foreach (var row in rows)
            table.AddRow(row.Select(cell => (IRenderable)new Text(cell)));
        return table;
    }
}
