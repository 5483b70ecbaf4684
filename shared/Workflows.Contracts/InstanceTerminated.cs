namespace Workflows.Contracts;

/// <summary>Published when an instance is terminated; executors cancel its run in flight.</summary>
public sealed record InstanceTerminated(string InstanceId, string Workflow, long Generation, DateTimeOffset Timestamp, IReadOnlyDictionary<string, string>? Metadata = null);
