using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflows.Api.Models;

/// <summary>An instance's status, params, outcome, the steps of its current run, its parent and children, and how its rollbacks went.</summary>
internal sealed record InstanceDetails(
    string Id,
    string Workflow,
    string Status,
    JsonElement? Params,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Output,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ErrorInfo? Error,
    DateTimeOffset CreatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? StartedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? EndedAt,
    IReadOnlyList<StepDetails> Steps)
{
    /// <summary>The instance that started this one with <c>step.Invoke</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public InstanceLink? Parent { get; init; }

    /// <summary>The instances this one started with <c>step.Invoke</c>, oldest first (also at <c>/children</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<InstanceLink>? Children { get; init; }

    /// <summary>How the rollbacks of its completed steps went, once they ran.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RollbackInfo? Rollback { get; init; }

    /// <summary>The latest payload the workflow gave <c>step.ReportProgress</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Progress { get; init; }
}
