namespace Workflows.Contracts;

/// <summary>
/// Request to the Orchestrator: create these instances in one transaction, all or none. <paramref name="Bulk"/> (the
/// batch endpoint sets it) dispatches them on the Executors' bulk queue (<see cref="QueueNames.ExecuteInstance"/>);
/// otherwise someone is waiting for each (single creates), and they go on <see cref="QueueNames.ExecuteInstancePrompt"/>.
/// </summary>
public sealed record CreateInstances(IReadOnlyList<NewInstance> Instances, bool Bulk = false);
