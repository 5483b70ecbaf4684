namespace Workflows.Contracts;

/// <summary>Fire-and-forget start for any service or non-.NET client; a duplicate InstanceId is ignored.</summary>
public sealed record StartWorkflowInstance(string Workflow, string? InstanceId, string? ParamsJson);
