namespace Workflows.Contracts;

/// <summary>Reply to CreateInstances: nothing was created; InstanceIds are the ids already in use.</summary>
public sealed record InstancesRejected(IReadOnlyList<string> InstanceIds, string Reason);
