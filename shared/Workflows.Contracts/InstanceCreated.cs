namespace Workflows.Contracts;

/// <summary>Published when an instance is accepted.</summary>
public sealed record InstanceCreated(string InstanceId, string Workflow, long Generation, DateTimeOffset Timestamp, IReadOnlyDictionary<string, string>? Metadata = null);
