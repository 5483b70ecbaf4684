using System.CommandLine;
using System.Text.Json;
using Workflows.Cli.Rendering;
using Workflows.Client;
using Workflows.Client.Models;
using Workflows.Contracts;

namespace Workflows.Cli.Commands;

/// <summary><c>workflows instances list|describe|pause|resume|terminate|restart|send-event|approve|reject</c>.</summary>
internal static class InstanceCommands
{
    private delegate Task<CommandAccepted> LifecycleCall(IWorkflowsClient client, string workflow, string id, CancellationToken ct);

    private delegate Task<EventSent> DecisionCall(IWorkflowsClient client, string workflow, string id, ApprovalRequest request, CancellationToken ct);

    public static Command Create(CommandRunner run) => new("instances", "List, inspect and control the instances of a workflow.")
    {
        List(run),
        Describe(run),
        Lifecycle(run, "pause", "Pause", "Pause the instance at its next step boundary.", (c, w, i, ct) => c.PauseAsync(w, i, ct)),
        Lifecycle(run, "resume", "Resume", "Resume a paused instance where it stopped.", (c, w, i, ct) => c.ResumeAsync(w, i, ct)),
        Terminate(run),
        Restart(run),
        SendEvent(run),
        Decision(run, "approve", "Approved", "Approve the instance: its step.WaitForApproval returns.", (c, w, i, r, ct) => c.ApproveAsync(w, i, r, ct)),
        Decision(run, "reject", "Rejected", "Reject the instance: its step.WaitForApproval throws WorkflowRejectedException.", (c, w, i, r, ct) => c.RejectAsync(w, i, r, ct)),
    };

    private static Command List(CommandRunner run)
    {
        var workflow = new Argument<string?>("workflow") { Description = "Only this workflow's instances (default: every workflow's).", Arity = ArgumentArity.ZeroOrOne };
        var status = new Option<string?>("--status") { Description = $"Only instances in this status: {string.Join(", ", InstanceStatuses.All)}." };
        var metadata = Arguments.Metadata("Only instances with this metadata (repeat: each must match).");
        var limit = Arguments.WholeNumber("--limit", $"Instances per page, 1–{InstanceQuery.MaxLimit} (the server's default is {InstanceQuery.DefaultLimit}).", 1, InstanceQuery.MaxLimit);
        var cursor = new Option<string?>("--cursor") { Description = "The next cursor a previous page printed." };
        var command = new Command("list", "List instances, newest first, one page at a time: of a workflow, or of every workflow.") { workflow, status, metadata, limit, cursor };
        return run.Bind(command, async (ctx, ct) =>
        {
            var query = new InstanceQuery
            {
                Workflow = ctx.Value(workflow),
                Status = ctx.Value(status),
                Metadata = Arguments.ParseMetadata(ctx.Value(metadata)),
                Limit = ctx.Value(limit),
            };
            var page = await ctx.Client.ListInstancesPageAsync(query, ctx.Value(cursor), ct);
            ctx.Write(page, (output, value) => InstanceViews.Page(output, value, showWorkflow: query.Workflow is null));
            return ExitCodes.Ok;
        });
    }

    private static Command Describe(CommandRunner run)
    {
        var workflow = Arguments.Workflow();
        var id = Arguments.InstanceId();
        var watch = Arguments.Watch();
        var command = new Command("describe", "Show an instance's status, output or error, metadata and its steps.") { workflow, id, watch };
        return run.Bind(command, async (ctx, ct) =>
        {
            if (ctx.Value(watch))
                return await InstanceWatcher.WatchAsync(ctx, ctx.Value(workflow), ctx.Value(id), ct);
            var instance = await ctx.Client.GetAsync(ctx.Value(workflow), ctx.Value(id), ct);
            ctx.Write(instance, (output, value) => InstanceViews.Details(output, value, DateTimeOffset.UtcNow));
            return ExitCodes.Ok;
        });
    }

    private static Command Lifecycle(CommandRunner run, string name, string verb, string description, LifecycleCall call)
    {
        var workflow = Arguments.Workflow();
        var id = Arguments.InstanceId();
        var command = new Command(name, description) { workflow, id };
        return run.Bind(command, async (ctx, ct) =>
        {
            var accepted = await call(ctx.Client, ctx.Value(workflow), ctx.Value(id), ct);
            ctx.Write(accepted, (output, value) => InstanceViews.Accepted(output, verb, ctx.Value(id), value));
            return ExitCodes.Ok;
        });
    }

    private static Command Terminate(CommandRunner run)
    {
        var workflow = Arguments.Workflow();
        var id = Arguments.InstanceId();
        var rollback = new Option<bool>("--rollback") { Description = "Run the rollbacks of the instance's completed steps (latest first) before it ends." };
        var command = new Command("terminate", "End the instance for good; a step in flight is cancelled.") { workflow, id, rollback };
        return run.Bind(command, async (ctx, ct) =>
        {
            var accepted = await ctx.Client.TerminateAsync(ctx.Value(workflow), ctx.Value(id), ctx.Value(rollback), ct);
            ctx.Write(accepted, (output, value) => InstanceViews.Accepted(output, "Terminate", ctx.Value(id), value));
            return ExitCodes.Ok;
        });
    }

    private static Command Restart(CommandRunner run)
    {
        var workflow = Arguments.Workflow();
        var id = Arguments.InstanceId();
        var from = new Option<string?>("--from") { Description = "Keep the steps before this one and run it and every later step again (default: from the start)." };
        var count = Arguments.WholeNumber("--count", "Which occurrence of the --from step's name, 1-based (default 1).", 1);
        var command = new Command("restart", "Run the instance again with the same params, from the start or from a step.") { workflow, id, from, count };
        command.Validators.Add(result =>
        {
            // GetResult, not GetValue: a --count that failed to parse must report its own error, not throw here.
            if (result.GetResult(count) is not null && result.GetValue(from) is null)
                result.AddError("--count needs --from.");
        });
        return run.Bind(command, async (ctx, ct) =>
        {
            var step = ctx.Value(from) is { } name ? new RestartFrom(name, ctx.Value(count)) : null;
            var accepted = await ctx.Client.RestartAsync(ctx.Value(workflow), ctx.Value(id), step, ct);
            ctx.Write(accepted, (output, value) => InstanceViews.Accepted(output, "Restart", ctx.Value(id), value));
            return ExitCodes.Ok;
        });
    }

    private static Command SendEvent(CommandRunner run)
    {
        var workflow = Arguments.Workflow();
        var id = Arguments.InstanceId();
        var type = new Option<string>("--type") { Description = "The event's type, as the workflow's waitForEvent names it.", Required = true };
        var payload = new Option<string?>("--payload") { Description = "The event's payload as JSON (default: null)." };
        var command = new Command("send-event", "Send an event to an instance; a wait for its type receives it.") { workflow, id, type, payload };
        return run.Bind(command, async (ctx, ct) =>
        {
            var body = JsonInput.Element(ctx.Value(payload), "--payload");
            var sent = await ctx.Client.SendEventAsync(ctx.Value(workflow), ctx.Value(id), ctx.Value(type)!, body, ct: ct);
            ctx.Write(sent, (output, value) => InstanceViews.EventSent(output, ctx.Value(type)!, ctx.Value(id), value));
            return ExitCodes.Ok;
        });
    }

    private static Command Decision(CommandRunner run, string name, string verb, string description, DecisionCall call)
    {
        var workflow = Arguments.Workflow();
        var id = Arguments.InstanceId();
        var reason = new Option<string?>("--reason") { Description = "Why, in a sentence; the workflow sees it." };
        var metadata = Arguments.Metadata("Anything else the workflow should know (repeat for more keys).");
        var command = new Command(name, description) { workflow, id, reason, metadata };
        return run.Bind(command, async (ctx, ct) =>
        {
            var fields = Arguments.ParseMetadata(ctx.Value(metadata));
            JsonElement? metadataJson = fields is null ? null : JsonSerializer.SerializeToElement(fields, Format.JsonOptions);
            var sent = await call(ctx.Client, ctx.Value(workflow), ctx.Value(id), new ApprovalRequest(ctx.Value(reason), metadataJson), ct);
            ctx.Write(sent, (output, value) => output.WriteLine($"{verb} instance {ctx.Value(id)} (event id {value.EventId})."));
            return ExitCodes.Ok;
        });
    }
}
