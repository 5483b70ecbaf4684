namespace Workflows.Contracts;

/// <summary>Executor outcome: the instance ended in error.</summary>
public sealed record ExecutionFailed(string InstanceId, long Generation, string ErrorName, string ErrorMessage);
