namespace Workflows.Storage.EventLog;

/// <summary>
/// One entry of an instance's event log: what the stream shows (<see cref="Type"/> set) and, when
/// <see cref="MessageType"/> is set, a lifecycle message the outbox relay publishes (<see cref="RelayPending"/> until it has).
/// </summary>
public sealed class InstanceEventRow
{
    /// <summary>Order of insertion across every instance; the relay publishes in this order.</summary>
    public long Id { get; set; }

    public required string InstanceId { get; set; }

    /// <summary>1, 2, 3… per instance, without gaps, in commit order (unique with the instance id): the stream's event id.</summary>
    public long Sequence { get; set; }

    /// <summary>An <c>InstanceStreamEventTypes</c> value; null for a message the stream does not show (a status change).</summary>
    public string? Type { get; set; }

    public DateTimeOffset Timestamp { get; set; }
    public string? Step { get; set; }
    public int? Attempt { get; set; }

    /// <summary>The instance's status after the event.</summary>
    public string? Status { get; set; }
    public string? DataJson { get; set; }

    /// <summary>The lifecycle contract's type name (see <see cref="LifecycleMessages"/>); null when nothing is published.</summary>
    public string? MessageType { get; set; }
    public string? MessageJson { get; set; }

    /// <summary>The MessageId it is published with, every time: subscribers de-duplicate a republish by it.</summary>
    public Guid? MessageId { get; set; }

    /// <summary>The writer's trace context (W3C traceparent), carried to the publish as <c>MT-Activity-Id</c>.</summary>
    public string? ActivityId { get; set; }

    public bool RelayPending { get; set; }
}
