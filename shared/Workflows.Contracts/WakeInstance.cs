namespace Workflows.Contracts;

/// <summary>Scheduled by the Orchestrator for a sleep, a retry backoff or a wait timeout.</summary>
public sealed record WakeInstance(string InstanceId, long Generation);
