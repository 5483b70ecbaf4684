namespace Workflows.Contracts;

/// <summary>Reply to SendEvent: the event is in the instance's inbox.</summary>
public sealed record EventAccepted(string InstanceId, string EventId);
