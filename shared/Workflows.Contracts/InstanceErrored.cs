namespace Workflows.Contracts;

/// <summary>Published when an instance ends in error.</summary>
public sealed record InstanceErrored(string InstanceId, string Workflow, long Generation, string ErrorName, string ErrorMessage, DateTimeOffset Timestamp, IReadOnlyDictionary<string, string>? Metadata = null);
