namespace Workflows.Contracts;

/// <summary>Published when an instance has paused.</summary>
public sealed record InstancePaused(string InstanceId, string Workflow, long Generation, DateTimeOffset Timestamp, IReadOnlyDictionary<string, string>? Metadata = null);
