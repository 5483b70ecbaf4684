namespace Workflows.Api.Models;

/// <summary>Body of a restart: from the start, or from the Count-th occurrence (default 1) of step Name.</summary>
internal sealed record RestartRequest(RestartFrom? From);
