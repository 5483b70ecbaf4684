using System.Text.Json;

namespace Workflows.Runtime;

/// <summary>
/// The JSON settings of params, step results, event payloads and outputs: System.Text.Json web defaults (camelCase).
/// Depth: inputs hold at most <see cref="MaxInputDepth"/> levels and the engine writes no deeper, while every read allows
/// <see cref="MaxReadDepth"/>, so what is stored wrapped (a wait result holds its payload one level down, the API's
/// answer holds step outputs three levels down) always reads back.
/// </summary>
public static class WorkflowJson
{
    /// <summary>The most levels of objects and arrays in params and event payloads (and what the engine writes): System.Text.Json's default.</summary>
    public const int MaxInputDepth = 64;

    /// <summary>The most levels any read of stored JSON allows: the input depth with room for the envelopes around it.</summary>
    public const int MaxReadDepth = 2 * MaxInputDepth;

    private static readonly JsonSerializerOptions ReadOptionsInstance = CreateReadOptions();

    /// <summary>The shared, read-only options for writing (at most <see cref="MaxInputDepth"/> levels).</summary>
    public static JsonSerializerOptions Options => JsonSerializerOptions.Web;

    /// <summary>The same settings for reading stored JSON, allowing <see cref="MaxReadDepth"/> levels.</summary>
    public static JsonSerializerOptions ReadOptions => ReadOptionsInstance;

    /// <summary>How stored JSON is parsed into a <see cref="JsonDocument"/>: <see cref="MaxReadDepth"/> levels.</summary>
    public static JsonDocumentOptions DocumentOptions => new() { MaxDepth = MaxReadDepth };

    /// <summary>Serializes a value with <see cref="Options"/>.</summary>
    /// <param name="value">The value (null allowed).</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(object? value) =>
        value is null ? "null" : JsonSerializer.Serialize(value, value.GetType(), Options);

    /// <summary>Deserializes JSON text with <see cref="ReadOptions"/>; empty text means null.</summary>
    /// <typeparam name="T">The target type.</typeparam>
    /// <param name="json">The JSON text.</param>
    /// <returns>The value.</returns>
    public static T Deserialize<T>(string? json) =>
        JsonSerializer.Deserialize<T>(string.IsNullOrWhiteSpace(json) ? "null" : json, ReadOptions)!;

    /// <summary>Deserializes JSON text as <paramref name="type"/> with <see cref="ReadOptions"/>; empty text means null.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="type">The target type.</param>
    /// <returns>The value.</returns>
    public static object? Deserialize(string? json, Type type) =>
        JsonSerializer.Deserialize(string.IsNullOrWhiteSpace(json) ? "null" : json, type, ReadOptions);

    private static JsonSerializerOptions CreateReadOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerOptions.Web) { MaxDepth = MaxReadDepth };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
