namespace Workflows.Contracts;

/// <summary>
/// Executor outcome: the run stopped at a step boundary because a pause was asked for.
/// <paramref name="Dispatch"/> is the <see cref="ExecuteInstance.Dispatch"/> of the run (0: not known).
/// </summary>
public sealed record ExecutionPaused(string InstanceId, long Generation, long Dispatch = 0);
