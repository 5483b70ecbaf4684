namespace Workflows.Contracts;

/// <summary>
/// Reply to CreateInstances: nothing was created. Without a Code, InstanceIds are the ids already in use; with one
/// (<see cref="RejectionCodes.Invalid"/>, <see cref="RejectionCodes.TooLarge"/>), Reason says which input broke which rule.
/// </summary>
public sealed record InstancesRejected(IReadOnlyList<string> InstanceIds, string Reason, string? Code = null);
