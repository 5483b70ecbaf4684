namespace Workflows.Benchmarks.Stack;

/// <summary>The instances of one id prefix by saga state, read from <c>workflows.instances</c>.</summary>
internal sealed record InstanceCounts(long Total, long Waiting, long Complete, long Failed, DateTime? LastCreatedAt, DateTime? LastEndedAt)
{
    public long Finished => Complete + Failed;

    public override string ToString() => $"{Total:N0} rows, {Waiting:N0} waiting, {Complete:N0} complete, {Failed:N0} errored/terminated";
}
