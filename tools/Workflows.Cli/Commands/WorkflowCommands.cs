using System.CommandLine;
using System.Text.Json;
using Workflows.Client.Models;
using Workflows.Cli.Rendering;

namespace Workflows.Cli.Commands;

/// <summary><c>workflows list</c> and <c>workflows describe &lt;workflow&gt;</c>.</summary>
internal static class WorkflowCommands
{
    // The Api has no count route: describe pages through the newest instances, 100 a page, and stops after this many.
    private const int PageSize = InstanceQuery.MaxLimit;
    private const int MaxPages = 10;

    public static IEnumerable<Command> Create(CommandRunner run)
    {
        yield return List(run);
        yield return Describe(run);
    }

    private static Command List(CommandRunner run) =>
        run.Bind(new Command("list", "List the workflows that Executors have registered."), async (ctx, ct) =>
        {
            ctx.Write(await ctx.Client.ListWorkflowsAsync(ct), WorkflowViews.List);
            return ExitCodes.Ok;
        });

    private static Command Describe(CommandRunner run)
    {
        var workflow = Arguments.Workflow();
        var command = new Command("describe", $"Show a workflow and how many of its newest {PageSize * MaxPages} instances are in each status.") { workflow };
        return run.Bind(command, async (ctx, ct) =>
        {
            var name = ctx.Value(workflow);
            var list = await ctx.Client.ListWorkflowsAsync(ct);
            var summary = list.FirstOrDefault(w => w.Name == name)
                ?? throw new CliException(ExitCodes.NotFound, $"No Executor has registered a workflow named '{name}'.");
            var counts = await CountAsync(ctx, name, ct);

            if (ctx.Json)
            {
                var entry = JsonSerializer.SerializeToNode(summary, Format.JsonOptions)!.AsObject();
                ctx.Out.WriteLine(WorkflowViews.DescribeJson(entry, counts).ToJsonString());
            }
            else
            {
                WorkflowViews.Describe(ctx.Out, summary, counts);
            }
            return ExitCodes.Ok;
        });
    }

    private static async Task<InstanceCounts> CountAsync(CommandContext ctx, string workflow, CancellationToken ct)
    {
        var byStatus = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var counted = 0;
        string? cursor = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var response = await ctx.Client.ListInstancesPageAsync(new InstanceQuery { Workflow = workflow, Limit = PageSize }, cursor, ct);
            foreach (var instance in response.Instances)
                byStatus[instance.Status] = byStatus.GetValueOrDefault(instance.Status) + 1;
            counted += response.Instances.Count;
            cursor = response.NextCursor;
            if (cursor is null) break;
        }
        return new InstanceCounts(byStatus, counted, More: cursor is not null);
    }
}
