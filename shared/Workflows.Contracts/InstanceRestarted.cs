namespace Workflows.Contracts;

/// <summary>Published when an instance restarts as Generation; executors cancel runs of older generations.</summary>
public sealed record InstanceRestarted(string InstanceId, string Workflow, long Generation, DateTimeOffset Timestamp);
