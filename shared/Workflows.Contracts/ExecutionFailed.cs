namespace Workflows.Contracts;

/// <summary>
/// Executor outcome: the instance ended in error. <paramref name="RollbackOutcome"/> (one of <see cref="RollbackOutcomes"/>)
/// says how the rollbacks of its completed steps went; null when none has one.
/// </summary>
public sealed record ExecutionFailed(string InstanceId, long Generation, string ErrorName, string ErrorMessage,
    string? RollbackOutcome = null, string? RollbackErrorName = null, string? RollbackErrorMessage = null);
