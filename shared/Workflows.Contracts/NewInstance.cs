namespace Workflows.Contracts;

/// <summary>
/// One instance to create: the workflow, its id (1-100 chars of [A-Za-z0-9_-]) and its params as JSON; for a child
/// (<c>step.Invoke</c>), its parent and whether it is terminated when the parent ends first; Schedule is the firing that
/// creates it, when a schedule does; Metadata the string keys and values to find it by (docs/api.md#metadata); Priority
/// (<see cref="InstancePriorities"/>) orders it among queued instances; CallbackUrl (absolute http or https) receives every
/// lifecycle event of the instance as a signed POST.
/// </summary>
public sealed record NewInstance(string Workflow, string InstanceId, string? ParamsJson, string? ParentInstanceId = null, bool TerminateWithParent = false, ScheduleFiring? Schedule = null, IReadOnlyDictionary<string, string>? Metadata = null, int? Priority = null, string? CallbackUrl = null);
