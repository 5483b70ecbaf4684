using System.Text.Json.Serialization;

namespace Workflows.Api.Models;

/// <summary>One row of an instance list.</summary>
internal sealed record InstanceSummary(
    string Id,
    string Status,
    DateTimeOffset CreatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? StartedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? EndedAt)
{
    /// <summary>1 (highest) to 5: the order in which queued instances start.</summary>
    public int Priority { get; init; } = Contracts.InstancePriorities.Default;
}
