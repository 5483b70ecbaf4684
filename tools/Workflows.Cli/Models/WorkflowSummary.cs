namespace Workflows.Cli.Models;

/// <summary>An item of <c>GET /api/workflows</c>.</summary>
internal sealed record WorkflowSummary(string Name, DateTimeOffset FirstSeenAt, DateTimeOffset LastSeenAt);
