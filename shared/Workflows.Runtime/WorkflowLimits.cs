using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Sdk;

namespace Workflows.Runtime;

/// <summary>
/// A workflow's flow-control limits (docs/flow-control.md): the Executor records them with the workflow, the Orchestrator
/// queues and admits instances by them. Null means no limit.
/// </summary>
/// <param name="MaxConcurrent">Most instances running at once.</param>
/// <param name="ConcurrencyKey">A JSON pointer into the params whose value is the instance's concurrency key.</param>
/// <param name="MaxConcurrentPerKey">Most instances with the same key running at once.</param>
public sealed record WorkflowLimits(int? MaxConcurrent, string? ConcurrencyKey, int? MaxConcurrentPerKey)
{
    /// <summary>The longest concurrency key pointer, and the longest key value kept (longer values are cut).</summary>
    public const int MaxConcurrencyKeyLength = 200;

    /// <summary>No limits.</summary>
    public static WorkflowLimits None { get; } = new(null, null, null);

    /// <summary>Whether any limit applies: then instances start <c>queued</c> and are admitted.</summary>
    public bool IsLimited => MaxConcurrent is not null || (ConcurrencyKey is not null && MaxConcurrentPerKey is not null);

    /// <summary>A workflow class's limits: its <see cref="WorkflowAttribute"/>, then the configured overrides.</summary>
    /// <param name="workflowType">The workflow class.</param>
    /// <param name="overrides">Section <c>Workflows:Limits:{workflow}</c>, when configured.</param>
    /// <returns>The limits.</returns>
    public static WorkflowLimits Of(Type workflowType, WorkflowLimitOptions? overrides)
    {
        ArgumentNullException.ThrowIfNull(workflowType);
        var attribute = (WorkflowAttribute?)Attribute.GetCustomAttribute(workflowType, typeof(WorkflowAttribute), inherit: false);
        var max = overrides?.MaxConcurrent ?? attribute?.MaxConcurrent ?? 0;
        var perKey = overrides?.MaxConcurrentPerKey ?? attribute?.MaxConcurrentPerKey ?? 0;
        var key = overrides?.ConcurrencyKey ?? attribute?.ConcurrencyKey;
        return new WorkflowLimits(max > 0 ? max : null, string.IsNullOrEmpty(key) ? null : key, perKey > 0 ? perKey : null);
    }

    /// <summary>
    /// The concurrency key of an instance with these params: the text of the value at <see cref="ConcurrencyKey"/> (a string
    /// as is, anything else as JSON); null when there is no pointer, no params or no value there (then only
    /// <see cref="MaxConcurrent"/> applies).
    /// </summary>
    /// <param name="paramsJson">The instance's params.</param>
    /// <returns>The key, at most <see cref="MaxConcurrencyKeyLength"/> characters.</returns>
    public string? KeyOf(string? paramsJson)
    {
        if (ConcurrencyKey is null || string.IsNullOrWhiteSpace(paramsJson))
            return null;
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(paramsJson);
        }
        catch (JsonException)
        {
            return null;
        }
        // RFC 6901: "/a/b" walks object members or array indexes; "~1" is "/", "~0" is "~".
        foreach (var token in ConcurrencyKey.Split('/').Skip(1).Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)))
        {
            node = node switch
            {
                JsonObject o => o.TryGetPropertyValue(token, out var child) ? child : null,
                JsonArray a when int.TryParse(token, out var i) && i >= 0 && i < a.Count => a[i],
                _ => null,
            };
            if (node is null)
                return null;
        }
        var text = node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString();
        return text is { Length: > MaxConcurrencyKeyLength } ? text[..MaxConcurrencyKeyLength] : text;
    }
}
