namespace Workflows.Contracts;

/// <summary>
/// One instance to create: the workflow, its id (1-100 chars of [A-Za-z0-9_-]) and its params as JSON; Schedule is the
/// firing that creates it, when a schedule does.
/// </summary>
public sealed record NewInstance(string Workflow, string InstanceId, string? ParamsJson, ScheduleFiring? Schedule = null);
