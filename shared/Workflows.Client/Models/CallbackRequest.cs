namespace Workflows.Client.Models;

/// <summary>Where an instance's lifecycle events are POSTed, signed with Standard Webhooks (docs/stream.md#callbacks).</summary>
/// <param name="Url">An absolute http or https URL.</param>
public sealed record CallbackRequest(string? Url);
