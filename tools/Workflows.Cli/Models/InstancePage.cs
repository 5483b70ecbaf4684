namespace Workflows.Cli.Models;

/// <summary>One page of an instance list; <see cref="NextCursor"/> is null on the last page.</summary>
internal sealed record InstancePage(IReadOnlyList<InstanceSummary> Instances, string? NextCursor);
