namespace Workflows.Contracts;

/// <summary>Executor outcome of a rollback run (terminate with rollback): the rollbacks ran; <paramref name="Outcome"/> is one of <see cref="RollbackOutcomes"/>.</summary>
public sealed record ExecutionRolledBack(string InstanceId, long Generation, string Outcome, string? ErrorName, string? ErrorMessage, long Dispatch = 0);
