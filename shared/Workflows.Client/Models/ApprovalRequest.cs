using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflows.Client.Models;

/// <summary>Body of <c>POST .../approve</c> and <c>.../reject</c> (optional).</summary>
/// <param name="Reason">Why, in a sentence; the workflow sees it.</param>
/// <param name="Metadata">Anything else the workflow should know, as a JSON object.</param>
public sealed record ApprovalRequest(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Metadata = null);
