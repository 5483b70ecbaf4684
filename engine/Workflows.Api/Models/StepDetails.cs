using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflows.Api.Models;

/// <summary>One step of an instance's current run; Type is do, sleep, sleepUntil, waitForEvent, invoke or rollback.</summary>
internal sealed record StepDetails(
    string Name,
    string Type,
    string Status,
    int Attempts,
    DateTimeOffset? StartedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? EndedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Output,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ErrorInfo? Error);
