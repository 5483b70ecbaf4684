namespace Workflows.Contracts;

/// <summary>Published on every status change that is not an end (running, waiting, waitingForPause).</summary>
public sealed record InstanceProgress(string InstanceId, string Workflow, int Generation, string Status, DateTimeOffset Timestamp);
