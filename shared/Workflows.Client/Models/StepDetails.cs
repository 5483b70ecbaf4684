using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflows.Client.Models;

/// <summary>One step of an instance's current run.</summary>
/// <param name="Name">The step's name.</param>
/// <param name="Type">do, sleep, sleepUntil, waitForEvent, invoke or rollback.</param>
/// <param name="Status">The step's status.</param>
/// <param name="Attempts">How many attempts it took so far.</param>
/// <param name="StartedAt">When its first attempt began.</param>
/// <param name="EndedAt">When it ended.</param>
/// <param name="Output">Its result (for a wait, the event).</param>
/// <param name="Error">Its error, when it failed.</param>
public sealed record StepDetails(
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
