namespace Workflows.Runtime;

/// <summary>A run in rollback mode (<see cref="InstanceDescriptor.RollingBack"/>) ran the rollbacks of the completed steps.</summary>
/// <param name="Rollback">How they went.</param>
public sealed record RunRolledBack(RollbackResult Rollback) : RunOutcome;
