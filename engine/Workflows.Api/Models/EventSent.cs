namespace Workflows.Api.Models;

/// <summary>An event the Events service has put in the instance's inbox.</summary>
internal sealed record EventSent(string EventId);
