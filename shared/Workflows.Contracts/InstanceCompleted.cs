namespace Workflows.Contracts;

/// <summary>Published when an instance completes; OutputJson is the workflow's return value as JSON.</summary>
public sealed record InstanceCompleted(string InstanceId, string Workflow, long Generation, string? OutputJson, DateTimeOffset Timestamp, IReadOnlyDictionary<string, string>? Metadata = null);
