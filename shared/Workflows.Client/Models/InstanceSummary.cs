using System.Text.Json.Serialization;

namespace Workflows.Client.Models;

/// <summary>One row of an instance list.</summary>
/// <param name="Id">The instance's id.</param>
/// <param name="Status">Its status.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="StartedAt">When it began running, if it has.</param>
/// <param name="EndedAt">When it ended, if it has.</param>
public sealed record InstanceSummary(
    string Id,
    string Status,
    DateTimeOffset CreatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? StartedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? EndedAt)
{
    /// <summary>The instance's workflow (a list across workflows, <c>GET /api/instances</c>, mixes them).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Workflow { get; init; }

    /// <summary>The metadata given at create; null when none was.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>1 (highest) to 5: the order in which queued instances start.</summary>
    public int Priority { get; init; } = Contracts.InstancePriorities.Default;
}
