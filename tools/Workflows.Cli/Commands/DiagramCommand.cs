using System.CommandLine;
using System.Text;

namespace Workflows.Cli.Commands;

/// <summary><c>workflows diagram &lt;workflow&gt; [--format json|mermaid|svg] [--out file]</c>.</summary>
internal static class DiagramCommand
{
    public static Command Create(CommandRunner run)
    {
        var workflow = Arguments.Workflow();
        // The Api owns the list of formats and refuses an unknown one (exit 7), so it is not repeated here.
        var format = new Option<string>("--format", "-f")
        {
            Description = "json (the default), mermaid (a flowchart to paste into Markdown) or svg (an image).",
            DefaultValueFactory = _ => "json",
        };
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Write the diagram to this file instead of the terminal." };
        var command = new Command("diagram", "Print the diagram generated from a workflow's code: its steps, loops, branches and parallel steps.")
        {
            workflow, format, output,
        };
        return run.Bind(command, async (ctx, ct) =>
        {
            var diagram = await ctx.Client.GetDiagramAsync(ctx.Value(workflow), ctx.Value(format)!, ct);
            if (ctx.Value(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, diagram, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), ct);
                await ctx.Out.WriteLineAsync($"Wrote {file.FullName}");
            }
            else
            {
                await ctx.Out.WriteLineAsync(diagram);
            }
            return ExitCodes.Ok;
        });
    }
}
