namespace Workflows.Cli.Models;

/// <summary>One row of an instance list.</summary>
internal sealed record InstanceSummary(string Id, string Status, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt);
