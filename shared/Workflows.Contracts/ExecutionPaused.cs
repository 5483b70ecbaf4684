namespace Workflows.Contracts;

/// <summary>Executor outcome: the run stopped at a step boundary because a pause was asked for.</summary>
public sealed record ExecutionPaused(string InstanceId, long Generation);
