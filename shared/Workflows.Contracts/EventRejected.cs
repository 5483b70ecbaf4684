namespace Workflows.Contracts;

/// <summary>Reply to SendEvent: nothing was stored; Code is one of <see cref="RejectionCodes"/> and Reason says why.</summary>
public sealed record EventRejected(string InstanceId, string EventId, string Code, string Reason);
