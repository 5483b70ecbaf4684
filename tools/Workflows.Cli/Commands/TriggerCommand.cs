using System.CommandLine;
using Workflows.Cli.Rendering;
using Workflows.Client.Models;
using Workflows.Contracts;

namespace Workflows.Cli.Commands;

/// <summary><c>workflows trigger &lt;workflow&gt; [params-json] [--id ID] [--metadata k=v] [--priority 1-5] [--watch]</c>.</summary>
internal static class TriggerCommand
{
    public static Command Create(CommandRunner run)
    {
        var workflow = Arguments.Workflow();
        var parameters = new Argument<string?>("params-json")
        {
            Description = "The instance's params as JSON, e.g. '{\"timeout\": \"1 minute\"}'.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var id = new Option<string?>("--id") { Description = "The instance's id (1–100 of A-Z a-z 0-9 _ -); generated when not given." };
        var metadata = Arguments.Metadata("Metadata to find the instance by (GET /api/instances?metadata.key=value); repeat for more keys.");
        var priority = Arguments.WholeNumber("--priority", "1 (highest) to 5: the order in which queued instances start (default 3).",
            InstancePriorities.Highest, InstancePriorities.Lowest);
        var watch = Arguments.Watch();
        var command = new Command("trigger", "Create an instance of a workflow and print its id and status.") { workflow, parameters, id, metadata, priority, watch };

        return run.Bind(command, async (ctx, ct) =>
        {
            var name = ctx.Value(workflow);
            var json = JsonInput.Element(ctx.Value(parameters), "params-json");
            var request = new CreateInstanceRequest(ctx.Value(id), json) { Metadata = Arguments.ParseMetadata(ctx.Value(metadata)), Priority = ctx.Value(priority) };
            var created = await ctx.Client.CreateAsync(name, request, ct);
            if (!ctx.Value(watch))
            {
                ctx.Write(created, (output, value) => InstanceViews.Created(output, name, value));
                return ExitCodes.Ok;
            }
            // Watching with --json prints only the final instance, so stdout stays one JSON document.
            if (!ctx.Json)
                InstanceViews.Created(ctx.Out, name, created);
            return await InstanceWatcher.WatchAsync(ctx, name, created.Id, ct);
        });
    }
}
