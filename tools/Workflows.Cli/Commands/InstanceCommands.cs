using System.CommandLine;
using Workflows.Contracts;
using Workflows.Cli.Http;
using Workflows.Cli.Models;
using Workflows.Cli.Rendering;

namespace Workflows.Cli.Commands;

/// <summary><c>workflows instances list|describe|pause|resume|terminate|restart|send-event</c>.</summary>
internal static class InstanceCommands
{
    private delegate Task<ApiResponse<CommandAccepted>> LifecycleCall(WorkflowsApiClient client, string workflow, string id, CancellationToken ct);

    public static Command Create(CommandRunner run) => new("instances", "List, inspect and control the instances of a workflow.")
    {
        List(run),
        Describe(run),
        Lifecycle(run, "pause", "Pause", "Pause the instance at its next step boundary.", (c, w, i, ct) => c.PauseAsync(w, i, ct)),
        Lifecycle(run, "resume", "Resume", "Resume a paused instance where it stopped.", (c, w, i, ct) => c.ResumeAsync(w, i, ct)),
        Terminate(run),
        Restart(run),
        SendEvent(run),
    };

    private static Command List(CommandRunner run)
    {
        var workflow = Arguments.Workflow();
        var status = new Option<string?>("--status") { Description = $"Only instances in this status: {string.Join(", ", InstanceStatuses.All)}." };
        var limit = Arguments.WholeNumber("--limit", $"Instances per page, 1–{WorkflowsApiClient.MaxPageSize} (the server's default is 50).", 1, WorkflowsApiClient.MaxPageSize);
        var cursor = new Option<string?>("--cursor") { Description = "The next cursor a previous page printed." };
        var command = new Command("list", "List a workflow's instances, newest first, one page at a time.") { workflow, status, limit, cursor };
        return run.Bind(command, async (ctx, ct) =>
        {
            var page = await ctx.Client.ListInstancesAsync(ctx.Value(workflow), ctx.Value(status), ctx.Value(limit), ctx.Value(cursor), ct);
            ctx.Write(page, InstanceViews.Page);
            return ExitCodes.Ok;
        });
    }

    private static Command Describe(CommandRunner run)
    {
        var workflow = Arguments.Workflow();
        var id = Arguments.InstanceId();
        var watch = Arguments.Watch();
        var command = new Command("describe", "Show an instance's status, output or error, and its steps.") { workflow, id, watch };
        return run.Bind(command, async (ctx, ct) =>
        {
            if (ctx.Value(watch))
                return await InstanceWatcher.WatchAsync(ctx, ctx.Value(workflow), ctx.Value(id), ct);
            var instance = await ctx.Client.GetInstanceAsync(ctx.Value(workflow), ctx.Value(id), ct);
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
            var accepted = await ctx.Client.RestartAsync(ctx.Value(workflow), ctx.Value(id), ctx.Value(from), ctx.Value(count), ct);
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
            var body = JsonInput.Validate(ctx.Value(payload), "--payload");
            var sent = await ctx.Client.SendEventAsync(ctx.Value(workflow), ctx.Value(id), ctx.Value(type)!, body, ct);
            ctx.Write(sent, (output, value) => InstanceViews.EventSent(output, ctx.Value(type)!, ctx.Value(id), value));
            return ExitCodes.Ok;
        });
    }
}
