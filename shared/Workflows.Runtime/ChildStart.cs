namespace Workflows.Runtime;

/// <summary>A child instance <c>step.Invoke</c> starts.</summary>
/// <param name="ParentInstanceId">The parent instance.</param>
/// <param name="Workflow">The child's workflow name.</param>
/// <param name="InstanceId">The child's (deterministic) id.</param>
/// <param name="ParamsJson">The child's params as JSON.</param>
/// <param name="TerminateWithParent">True when the child is terminated if the parent ends first (the default parent-close policy).</param>
public sealed record ChildStart(string ParentInstanceId, string Workflow, string InstanceId, string ParamsJson, bool TerminateWithParent);
