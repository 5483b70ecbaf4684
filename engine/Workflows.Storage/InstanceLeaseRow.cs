namespace Workflows.Storage;

/// <summary>Which Executor is running an instance right now; a live lease makes a duplicate ExecuteInstance a no-op.</summary>
public sealed class InstanceLeaseRow
{
    public required string InstanceId { get; set; }
    public required string Owner { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The generation being run: a run of a newer generation (after a restart) takes the lease at once.</summary>
    public long Generation { get; set; }
}
