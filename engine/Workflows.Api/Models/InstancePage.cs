namespace Workflows.Api.Models;

/// <summary>One page of an instance list; pass <see cref="NextCursor"/> back for the next one (null on the last page).</summary>
internal sealed record InstancePage(IReadOnlyList<InstanceSummary> Instances, string? NextCursor);
