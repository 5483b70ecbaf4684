namespace Workflows.Storage;

/// <summary>A workflow some Executor has registered; the Api lists these and accepts instances only for them.</summary>
public sealed class WorkflowDefinitionRow
{
    public required string Name { get; set; }
    public DateTimeOffset FirstSeenAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>The diagram of the workflow's code (docs/diagrams.md), as the last Executor to record it had it compiled in; null without one.</summary>
    public string? Diagram { get; set; }

    /// <summary>The flow-control limits the last Executor to record the workflow had (attribute and configuration); null for none.</summary>
    public int? MaxConcurrent { get; set; }
    public string? ConcurrencyKey { get; set; }
    public int? MaxConcurrentPerKey { get; set; }

    /// <summary>The limits as the Orchestrator applies them.</summary>
    public Runtime.WorkflowLimits Limits => new(MaxConcurrent, ConcurrencyKey, MaxConcurrentPerKey);
}
