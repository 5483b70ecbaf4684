using System.Text.Json;

namespace Workflows.Api.Models;

/// <summary>Body of a create (or one item of a batch): an optional id and any JSON as params.</summary>
internal sealed record CreateInstanceRequest(string? Id, JsonElement? Params);
