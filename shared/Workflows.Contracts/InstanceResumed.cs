namespace Workflows.Contracts;

/// <summary>Published when a paused instance resumes.</summary>
public sealed record InstanceResumed(string InstanceId, string Workflow, long Generation, DateTimeOffset Timestamp, IReadOnlyDictionary<string, string>? Metadata = null);
