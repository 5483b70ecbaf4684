namespace Workflows.Contracts;

/// <summary>Reply to a lifecycle command; Status is the instance's status after it.</summary>
public sealed record InstanceCommandAccepted(string InstanceId, string Status);
