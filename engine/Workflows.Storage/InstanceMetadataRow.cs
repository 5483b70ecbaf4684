namespace Workflows.Storage;

/// <summary>
/// One metadata key of an instance (purged with it). A side table rather than a jsonb column: its btree index on
/// (key, value, created_at, instance_id) serves a <c>metadata.k=v</c> filter in the list's keyset order, stopping after one page.
/// </summary>
public sealed class InstanceMetadataRow
{
    public required string InstanceId { get; set; }
    public required string Key { get; set; }
    public required string Value { get; set; }

    /// <summary>The instance's creation time, copied so the index alone orders a filtered page newest first.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
