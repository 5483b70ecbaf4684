namespace Workflows.Client.Models;

/// <summary>One page of an instance list.</summary>
/// <param name="Instances">The page's instances, newest first.</param>
/// <param name="NextCursor">Pass it back as <c>cursor</c> for the next page; null on the last page.</param>
public sealed record InstancePage(IReadOnlyList<InstanceSummary> Instances, string? NextCursor);
