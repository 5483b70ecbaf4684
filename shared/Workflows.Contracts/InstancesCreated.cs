namespace Workflows.Contracts;

/// <summary>Reply to CreateInstances: every instance was created (status queued).</summary>
public sealed record InstancesCreated(IReadOnlyList<string> InstanceIds);
