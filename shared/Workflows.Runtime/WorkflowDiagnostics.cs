using System.Diagnostics;

namespace Workflows.Runtime;

/// <summary>OpenTelemetry names: add <see cref="ActivitySourceName"/> to the tracer to get a span per step attempt.</summary>
public static class WorkflowDiagnostics
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> name: "Workflows".</summary>
    public const string ActivitySourceName = "Workflows";

    /// <summary>Tag: the instance id.</summary>
    public const string InstanceIdTag = "workflow.instance_id";

    /// <summary>Tag: the step name.</summary>
    public const string StepTag = "workflow.step";

    /// <summary>Tag: the attempt number, 1-based.</summary>
    public const string AttemptTag = "workflow.attempt";

    internal static readonly ActivitySource Source = new(ActivitySourceName);
}
