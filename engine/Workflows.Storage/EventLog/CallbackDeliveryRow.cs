namespace Workflows.Storage.EventLog;

/// <summary>
/// A lifecycle event still to be POSTed to its instance's callback URL. Only the lowest <see cref="Sequence"/> of an
/// instance is attempted, so deliveries stay in order; a row is deleted once acknowledged (2xx) or past retention.
/// </summary>
public sealed class CallbackDeliveryRow
{
    public required string InstanceId { get; set; }
    public long Sequence { get; set; }
    public required string Url { get; set; }

    /// <summary>The <c>webhook-id</c> header: the event's MessageId, the same on every attempt.</summary>
    public Guid MessageId { get; set; }
    public required string BodyJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}
