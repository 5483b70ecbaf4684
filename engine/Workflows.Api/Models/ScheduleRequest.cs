using System.Text.Json;

namespace Workflows.Api.Models;

/// <summary>Body of <c>PUT /api/schedules/{id}</c>: the workflow, its params, exactly one of every and cron, and the options.</summary>
internal sealed record ScheduleRequest(
    string? Workflow,
    JsonElement? Params,
    string? Every,
    string? Cron,
    string? TimeZone,
    string? Overlap,
    DateTimeOffset? StartAt,
    DateTimeOffset? EndAt);
