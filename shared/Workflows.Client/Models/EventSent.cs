namespace Workflows.Client.Models;

/// <summary>An event the Events service has put in the instance's inbox.</summary>
/// <param name="EventId">The event's id: the Idempotency-Key when one was given, else a generated one.</param>
public sealed record EventSent(string EventId);
