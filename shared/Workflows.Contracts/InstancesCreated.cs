namespace Workflows.Contracts;

/// <summary>
/// Reply to CreateInstances: every instance was created. Statuses, in the same order, says which are <c>running</c> and which
/// <c>queued</c> under a concurrency limit (absent from older Orchestrators: then all are running).
/// </summary>
public sealed record InstancesCreated(IReadOnlyList<string> InstanceIds, IReadOnlyList<string>? Statuses = null);
