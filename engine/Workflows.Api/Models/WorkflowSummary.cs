namespace Workflows.Api.Models;

/// <summary>A workflow some Executor has registered.</summary>
internal sealed record WorkflowSummary(string Name, DateTimeOffset FirstSeenAt, DateTimeOffset LastSeenAt);
