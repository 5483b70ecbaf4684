namespace Workflows.Contracts;

/// <summary>Reply to SendEvent: Code is not-found (unknown instance) or finished (the instance has ended).</summary>
public sealed record EventRejected(string InstanceId, string EventId, string Code, string Reason);
