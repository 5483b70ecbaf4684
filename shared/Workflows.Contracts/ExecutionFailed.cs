namespace Workflows.Contracts;

/// <summary>Executor outcome: the instance ended in error.</summary>
public sealed record ExecutionFailed(string InstanceId, int Generation, string ErrorName, string ErrorMessage);
