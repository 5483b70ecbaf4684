using System.Text.Json;

namespace Workflows.Api.Models;

/// <summary>Body of a create (or one item of a batch): an optional id, any JSON as params, and an optional callback.</summary>
internal sealed record CreateInstanceRequest(string? Id, JsonElement? Params, CallbackRequest? Callback = null);
