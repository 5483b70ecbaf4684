namespace Workflows.Contracts;

/// <summary>Request to the Orchestrator: create these instances in one transaction, all or none.</summary>
public sealed record CreateInstances(IReadOnlyList<NewInstance> Instances);
