namespace Workflows.Contracts;

/// <summary>Executor outcome: every branch is done or waiting; wake at WakeAt or when one of AwaitedEventTypes arrives.</summary>
public sealed record ExecutionSuspended(string InstanceId, long Generation, DateTimeOffset? WakeAt, IReadOnlyList<string> AwaitedEventTypes);
