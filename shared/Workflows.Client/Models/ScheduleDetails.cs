using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflows.Client.Models;

/// <summary>A schedule: its definition, state, next fire times (none while paused), last instance and counts.</summary>
/// <param name="Id">The schedule's id.</param>
/// <param name="Workflow">The workflow each firing starts.</param>
/// <param name="Params">The params every instance gets.</param>
/// <param name="Every">Its interval, when it has one.</param>
/// <param name="Cron">Its cron expression, when it has one.</param>
/// <param name="TimeZone">The cron's time zone.</param>
/// <param name="Overlap">Its overlap policy.</param>
/// <param name="StartAt">No firing before this instant.</param>
/// <param name="EndAt">No firing after this instant.</param>
/// <param name="State">active or paused.</param>
/// <param name="NextFireTimes">The next fire times (none while paused).</param>
/// <param name="LastInstance">The instance of its latest firing.</param>
/// <param name="PendingFireTime">A firing buffered by bufferOne.</param>
/// <param name="Counts">What its firings did.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When its definition or state last changed.</param>
public sealed record ScheduleDetails(
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
