using Workflows.Contracts;
using Workflows.Runtime;

namespace Workflows.Storage.Schedules;

/// <summary>
/// What a schedule is, as <c>PUT /api/schedules/{id}</c> and <c>AddSchedule&lt;T&gt;()</c> declare it: two equal
/// definitions are the same schedule (a second upsert changes nothing and fires nothing).
/// </summary>
public sealed record ScheduleDefinition(
    string Id,
    string Workflow,
    string? ParamsJson,
    string? Every,
    string? Cron,
    string? TimeZone,
    string Overlap,
    DateTimeOffset? StartAt,
    DateTimeOffset? EndAt)
{
    /// <summary>The problem with the definition (id, workflow name, overlap, timing), or null; <paramref name="spec"/> is its timing when valid.</summary>
    public string? Validate(out ScheduleSpec? spec)
    {
        spec = null;
        if (ScheduleIds.Validate(Id) is { } badId)
            return badId;
        if (WorkflowNames.ValidateWorkflowName(Workflow) is { } badWorkflow)
            return $"workflow: {badWorkflow}";
        if (!ScheduleOverlaps.All.Contains(Overlap))
            return $"overlap must be one of {string.Join(", ", ScheduleOverlaps.All)}; got '{Overlap}'.";
        spec = ScheduleSpec.TryCreate(Every, Cron, TimeZone, StartAt, EndAt, out var problem);
        return problem;
    }

    /// <summary>The definition a row holds.</summary>
    public static ScheduleDefinition Of(ScheduleRow row) =>
        new(row.Id, row.Workflow, row.ParamsJson, row.Every, row.Cron, row.TimeZone, row.Overlap, row.StartAt, row.EndAt);

    /// <summary>The timing of a stored (so already validated) schedule.</summary>
    public static ScheduleSpec SpecOf(ScheduleRow row) =>
        ScheduleSpec.TryCreate(row.Every, row.Cron, row.TimeZone, row.StartAt, row.EndAt, out var problem)
            ?? throw new InvalidOperationException($"Schedule '{row.Id}' is stored with an invalid timing: {problem}");
}
