namespace Workflows.Contracts;

/// <summary>Executor outcome: RunAsync returned; OutputJson is its value as JSON.</summary>
public sealed record ExecutionCompleted(string InstanceId, long Generation, string? OutputJson);
