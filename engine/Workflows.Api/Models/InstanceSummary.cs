using System.Text.Json.Serialization;

namespace Workflows.Api.Models;

/// <summary>One row of an instance list.</summary>
internal sealed record InstanceSummary(
    string Id,
    string Status,
    DateTimeOffset CreatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? StartedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? EndedAt);
