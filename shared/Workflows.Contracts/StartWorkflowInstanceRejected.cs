namespace Workflows.Contracts;

/// <summary>
/// A <see cref="StartWorkflowInstance"/> that created nothing: Reason says why, Code is a <see cref="RejectionCodes"/> value.
/// Sent to the start's response address when it has one, and always to <see cref="QueueNames.StartRejected"/> with the start itself.
/// </summary>
public sealed record StartWorkflowInstanceRejected(string? Workflow, string? InstanceId, string Reason, string Code, StartWorkflowInstance? Start = null);
