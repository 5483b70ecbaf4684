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
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ErrorInfo? Error)
{
    /// <summary>Thread CPU time of the step's attempts, in milliseconds; absent for sleeps, waits and where it is not measured.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? CpuTimeMs { get; init; }
}
