namespace Workflows.Storage;

/// <summary>A workflow some Executor has registered; the Api lists these and accepts instances only for them.</summary>
public sealed class WorkflowDefinitionRow
{
    public required string Name { get; set; }
    public DateTimeOffset FirstSeenAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>The diagram of the workflow's code (docs/diagrams.md), as the last Executor to record it had it compiled in; null without one.</summary>
    public string? Diagram { get; set; }
}
