namespace Workflows.Contracts;

/// <summary>Published on every status change that is not an end (running, waiting, waitingForPause).</summary>
public sealed record InstanceProgress(string InstanceId, string Workflow, long Generation, string Status, DateTimeOffset Timestamp);
