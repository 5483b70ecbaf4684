namespace Workflows.Contracts;

/// <summary>Published when an instance's first run is dispatched to an executor.</summary>
public sealed record InstanceStarted(string InstanceId, string Workflow, long Generation, DateTimeOffset Timestamp, IReadOnlyDictionary<string, string>? Metadata = null);
