namespace Workflows.Contracts;

/// <summary>Command to an Executor: run the instance (with replay) until it completes, suspends, pauses or fails.</summary>
public sealed record ExecuteInstance(string InstanceId, string Workflow, long Generation, string? ParamsJson, DateTimeOffset CreatedAt);
