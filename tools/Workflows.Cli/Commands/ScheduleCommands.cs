using System.CommandLine;
using System.Text.Json.Nodes;
using Workflows.Cli.Rendering;
using Workflows.Client.Models;
using Workflows.Contracts;

namespace Workflows.Cli.Commands;

/// <summary><c>workflows schedules put|list|describe|pause|resume|trigger|delete</c>.</summary>
internal static class ScheduleCommands
{
    public static Command Create(CommandRunner run) => new("schedules", "Create, inspect and control schedules that start workflows.")
    {
        Put(run),
        List(run),
        Describe(run),
        State(run, "pause", "Stop the schedule's firings until it is resumed."),
        State(run, "resume", "Fire the schedule again from its next slot."),
        Trigger(run),
        Delete(run),
    };

    private static Argument<string> ScheduleId() => new("id") { Description = "The schedule's id (1–83 of A-Z a-z 0-9 _ -)." };

    private static Command Put(CommandRunner run)
    {
        var id = ScheduleId();
        var workflow = new Option<string>("--workflow") { Description = "The workflow each firing starts.", Required = true };
        var every = new Option<string?>("--every") { Description = "An interval such as \"5 minutes\" (at least 1 second)." };
        var cron = new Option<string?>("--cron") { Description = "A cron expression: 5 fields, or 6 with seconds first." };
        var timeZone = new Option<string?>("--time-zone") { Description = "The cron's time zone, e.g. Europe/Berlin (default UTC)." };
        var overlap = new Option<string?>("--overlap") { Description = $"While the previous instance runs: {string.Join(", ", ScheduleOverlaps.All)} (default {ScheduleOverlaps.Skip})." };
        var parameters = new Option<string?>("--params") { Description = "The params every instance gets, as JSON." };
        var startAt = new Option<DateTimeOffset?>("--start-at") { Description = "No firing before this instant (ISO 8601)." };
        var endAt = new Option<DateTimeOffset?>("--end-at") { Description = "No firing after this instant (ISO 8601)." };
        var command = new Command("put", "Create a schedule, or update it when its definition differs (the same definition changes nothing).")
        {
            id, workflow, every, cron, timeZone, overlap, parameters, startAt, endAt,
        };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(every) is null) == (result.GetValue(cron) is null))
                result.AddError("Give exactly one of --every and --cron.");
        });
        return run.Bind(command, async (ctx, ct) =>
        {
            var request = new ScheduleRequest(ctx.Value(workflow), JsonInput.Element(ctx.Value(parameters), "--params"), ctx.Value(every), ctx.Value(cron),
                ctx.Value(timeZone), ctx.Value(overlap), ctx.Value(startAt), ctx.Value(endAt));
            var schedule = await ctx.Client.PutScheduleAsync(ctx.Value(id), request, ct);
            ctx.Write(schedule, ScheduleViews.Details);
            return ExitCodes.Ok;
        });
    }

    private static Command List(CommandRunner run)
    {
        var limit = Arguments.WholeNumber("--limit", "Schedules per page, 1–100 (the server's default is 50).", 1, 100);
        var cursor = new Option<string?>("--cursor") { Description = "The next cursor a previous page printed." };
        var command = new Command("list", "List the schedules, newest first, one page at a time.") { limit, cursor };
        return run.Bind(command, async (ctx, ct) =>
        {
            ctx.Write(await ctx.Client.ListSchedulesAsync(ctx.Value(limit), ctx.Value(cursor), ct), ScheduleViews.List);
            return ExitCodes.Ok;
        });
    }

    private static Command Describe(CommandRunner run)
    {
        var id = ScheduleId();
        var command = new Command("describe", "Show a schedule: definition, state, next five fire times, last instance and counts.") { id };
        return run.Bind(command, async (ctx, ct) =>
        {
            ctx.Write(await ctx.Client.GetScheduleAsync(ctx.Value(id), ct), ScheduleViews.Details);
            return ExitCodes.Ok;
        });
    }

    private static Command State(CommandRunner run, string action, string description)
    {
        var id = ScheduleId();
        var command = new Command(action, description) { id };
        return run.Bind(command, async (ctx, ct) =>
        {
            ctx.Write(await ctx.Client.SetSchedulePausedAsync(ctx.Value(id), action == "pause", ct), ScheduleViews.Details);
            return ExitCodes.Ok;
        });
    }

    private static Command Trigger(CommandRunner run)
    {
        var id = ScheduleId();
        var command = new Command("trigger", "Fire the schedule now, under its overlap policy.") { id };
        return run.Bind(command, async (ctx, ct) =>
        {
            var fired = await ctx.Client.TriggerScheduleAsync(ctx.Value(id), ct);
            ctx.Write(fired, (output, value) => ScheduleViews.Fired(output, ctx.Value(id), value));
            return ExitCodes.Ok;
        });
    }

    private static Command Delete(CommandRunner run)
    {
        var id = ScheduleId();
        var command = new Command("delete", "Delete the schedule: no further firings; its instances are left alone.") { id };
        return run.Bind(command, async (ctx, ct) =>
        {
            await ctx.Client.DeleteScheduleAsync(ctx.Value(id), ct);
            ctx.Out.WriteLine(ctx.Json ? new JsonObject { ["id"] = ctx.Value(id), ["deleted"] = true }.ToJsonString() : $"Deleted schedule {ctx.Value(id)}.");
            return ExitCodes.Ok;
        });
    }
}
