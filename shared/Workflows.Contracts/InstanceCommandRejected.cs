namespace Workflows.Contracts;

/// <summary>
/// Reply to a lifecycle command that the instance's status does not allow; Code is null then, or
/// <see cref="RejectionCodes.UnknownStep"/> for a restart from a step the history does not hold.
/// </summary>
public sealed record InstanceCommandRejected(string InstanceId, string Status, string Reason, string? Code = null);
