using System.Text.Json;

namespace Workflows.Client.Models;

/// <summary>Body of <c>PUT /api/schedules/{id}</c>: the workflow, its params, exactly one of every and cron, and the options.</summary>
/// <param name="Workflow">The workflow each firing starts.</param>
/// <param name="Params">The params every instance gets.</param>
/// <param name="Every">An interval such as "5 minutes" (at least 1 second).</param>
/// <param name="Cron">A cron expression: 5 fields, or 6 with seconds first.</param>
/// <param name="TimeZone">The cron's time zone (default UTC).</param>
/// <param name="Overlap">skip (default), bufferOne, allow or terminatePrevious.</param>
/// <param name="StartAt">No firing before this instant.</param>
/// <param name="EndAt">No firing after this instant.</param>
public sealed record ScheduleRequest(
    string? Workflow,
    JsonElement? Params,
    string? Every,
    string? Cron,
    string? TimeZone,
    string? Overlap,
    DateTimeOffset? StartAt,
    DateTimeOffset? EndAt);
