using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflows.Api.Models;

/// <summary>An instance's status, params, outcome and the steps of its current run.</summary>
internal sealed record InstanceDetails(
    string Id,
    string Workflow,
    string Status,
    JsonElement? Params,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Output,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ErrorInfo? Error,
    DateTimeOffset CreatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? StartedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? EndedAt,
    IReadOnlyList<StepDetails> Steps);
