using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflows.Api.Models;

/// <summary>A schedule: its definition, state, next fire times (none while paused), last instance and counts.</summary>
internal sealed record ScheduleDetails(
    string Id,
    string Workflow,
    JsonElement? Params,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Every,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Cron,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TimeZone,
    string Overlap,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? StartAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? EndAt,
    string State,
    IReadOnlyList<DateTimeOffset> NextFireTimes,
    ScheduleLastInstance? LastInstance,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? PendingFireTime,
    ScheduleCounts Counts,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
