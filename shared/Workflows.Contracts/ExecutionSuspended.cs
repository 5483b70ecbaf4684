namespace Workflows.Contracts;

/// <summary>
/// Executor outcome: every branch is done or waiting; wake at WakeAt or when one of AwaitedEventTypes arrives.
/// <paramref name="Dispatch"/> is the <see cref="ExecuteInstance.Dispatch"/> of the run (0: not known).
/// </summary>
public sealed record ExecutionSuspended(string InstanceId, long Generation, DateTimeOffset? WakeAt, IReadOnlyList<string> AwaitedEventTypes, long Dispatch = 0);
