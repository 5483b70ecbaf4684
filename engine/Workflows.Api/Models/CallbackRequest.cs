namespace Workflows.Api.Models;

/// <summary>Where an instance's lifecycle events are POSTed (signed with Standard Webhooks): an absolute http or https URL.</summary>
internal sealed record CallbackRequest(string? Url);
