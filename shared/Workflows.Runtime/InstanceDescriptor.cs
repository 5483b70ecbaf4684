using Workflows.Sdk;

namespace Workflows.Runtime;

/// <summary>What the runner needs to know about the instance it runs.</summary>
/// <param name="InstanceId">The instance id.</param>
/// <param name="WorkflowName">The registered workflow name.</param>
/// <param name="Generation">The history generation (grows on restart).</param>
/// <param name="ParamsJson">The params as JSON; empty means null.</param>
/// <param name="CreatedAt">When the instance was created (the <c>evt.Timestamp</c> the workflow sees).</param>
/// <param name="Schedule">The schedule firing that created the instance (the <c>evt.Schedule</c> the workflow sees), if any.</param>
public sealed record InstanceDescriptor(string InstanceId, string WorkflowName, long Generation, string ParamsJson, DateTimeOffset CreatedAt, WorkflowSchedule? Schedule = null)
{
    /// <summary>
    /// The instance was terminated with rollback: replay what history holds, start nothing new, then run the rollbacks of
    /// the completed steps; the outcome is <see cref="RunRolledBack"/>.
    /// </summary>
    public bool RollingBack { get; init; }

    /// <summary>The W3C traceparent of the instance's trace (stored at its creation): every run is a span in that trace.</summary>
    public string? TraceParent { get; init; }
}
