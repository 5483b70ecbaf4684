using System.Text.Json;
using System.Text.Json.Serialization;
using Workflows.Contracts;

namespace Workflows.Client.Models;

/// <summary>An instance's status, params, outcome, the steps of its current run, its parent and children, and how its rollbacks went.</summary>
/// <param name="Id">The instance's id.</param>
/// <param name="Workflow">Its workflow.</param>
/// <param name="Status">Its status (one of <see cref="InstanceStatuses"/>).</param>
/// <param name="Params">Its params as given at create.</param>
/// <param name="Output">What <c>RunAsync</c> returned, once complete.</param>
/// <param name="Error">Why it failed, once errored.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="StartedAt">When it began running.</param>
/// <param name="EndedAt">When it ended.</param>
/// <param name="Steps">The steps of its current run, in the order they began.</param>
public sealed record InstanceDetails(
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
    /// <summary>The metadata given at create; null when none was.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>The instance that started this one with <c>step.Invoke</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public InstanceLink? Parent { get; init; }

    /// <summary>The instances this one started with <c>step.Invoke</c>, oldest first (also at <c>/children</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<InstanceLink>? Children { get; init; }

    /// <summary>How the rollbacks of its completed steps went, once they ran.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RollbackInfo? Rollback { get; init; }

    /// <summary>complete, errored and terminated are final: nothing changes the instance afterwards but a restart.</summary>
    [JsonIgnore]
    public bool HasEnded => Status is InstanceStatuses.Complete or InstanceStatuses.Errored or InstanceStatuses.Terminated;

    /// <summary>Thread CPU time of every step attempt of its current run, in milliseconds (see docs/observability.md); absent when not measured.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? CpuTimeMs { get; init; }

    /// <summary>1 (highest) to 5: the order in which queued instances start (docs/flow-control.md).</summary>
    public int Priority { get; init; } = Contracts.InstancePriorities.Default;

    /// <summary>The latest payload the workflow gave <c>step.ReportProgress</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Progress { get; init; }
}
