namespace Workflows.Contracts;

/// <summary>Reply to a lifecycle command that the instance's status does not allow.</summary>
public sealed record InstanceCommandRejected(string InstanceId, string Status, string Reason);
