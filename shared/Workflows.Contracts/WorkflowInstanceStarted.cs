namespace Workflows.Contracts;

/// <summary>
/// Reply to a <see cref="StartWorkflowInstance"/> with a response address: the instance exists, in Status
/// (<c>running</c> or <c>queued</c>); AlreadyExisted when the id was in use already (a duplicate start is ignored).
/// </summary>
public sealed record WorkflowInstanceStarted(string InstanceId, string Workflow, string Status, bool AlreadyExisted = false);
