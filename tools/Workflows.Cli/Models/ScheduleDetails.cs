using System.Text.Json;

namespace Workflows.Cli.Models;

/// <summary><c>GET /api/schedules/{id}</c> (and an item of the list).</summary>
internal sealed record ScheduleDetails(
    string Id,
    string Workflow,
    JsonElement? Params,
    string? Every,
    string? Cron,
    string? TimeZone,
    string Overlap,
    DateTimeOffset? StartAt,
    DateTimeOffset? EndAt,
    string State,
    List<DateTimeOffset> NextFireTimes,
    ScheduleLastInstance? LastInstance,
    DateTimeOffset? PendingFireTime,
    ScheduleCounts Counts,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
