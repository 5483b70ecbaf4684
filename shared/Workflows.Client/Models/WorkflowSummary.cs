namespace Workflows.Client.Models;

/// <summary>A workflow some Executor has registered.</summary>
/// <param name="Name">The workflow's name.</param>
/// <param name="FirstSeenAt">When an Executor first registered it.</param>
/// <param name="LastSeenAt">When an Executor last registered it.</param>
public sealed record WorkflowSummary(string Name, DateTimeOffset FirstSeenAt, DateTimeOffset LastSeenAt);
