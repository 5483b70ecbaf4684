namespace Workflows.Contracts;

/// <summary>Request: end the instance for good, cancelling the step in flight. Replies InstanceCommandAccepted or InstanceCommandRejected.</summary>
public sealed record TerminateInstance(string InstanceId);
