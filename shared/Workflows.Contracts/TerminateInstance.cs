namespace Workflows.Contracts;

/// <summary>
/// Request: end the instance for good, cancelling the step in flight; with <paramref name="Rollback"/>, the rollbacks of its
/// completed steps run first. Replies InstanceCommandAccepted or InstanceCommandRejected.
/// </summary>
public sealed record TerminateInstance(string InstanceId, bool Rollback = false);
