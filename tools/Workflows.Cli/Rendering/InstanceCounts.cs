namespace Workflows.Cli.Rendering;

/// <summary>
/// Instances of a workflow per status, counted from the list endpoint (the Api has no count route): the newest
/// <see cref="Counted"/> of them; <see cref="More"/> says the count stopped before the oldest.
/// </summary>
internal sealed record InstanceCounts(IReadOnlyDictionary<string, int> ByStatus, int Counted, bool More);
