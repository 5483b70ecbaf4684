using System.Text.Json;

namespace Workflows.Api.Models;

/// <summary>Body of a create (or one item of a batch): an optional id, any JSON as params, and a priority (1 highest … 5, default 3).</summary>
internal sealed record CreateInstanceRequest(string? Id, JsonElement? Params, int? Priority = null);
