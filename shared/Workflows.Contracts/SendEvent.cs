namespace Workflows.Contracts;

/// <summary>Request to the Events service: deliver an event to an instance (deduplicated by EventId). Replies EventAccepted or EventRejected.</summary>
public sealed record SendEvent(string InstanceId, string EventId, string Type, string? PayloadJson, DateTimeOffset Timestamp);
