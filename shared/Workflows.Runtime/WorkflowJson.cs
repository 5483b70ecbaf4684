using System.Text.Json;

namespace Workflows.Runtime;

/// <summary>The JSON settings of params, step results, event payloads and outputs: System.Text.Json web defaults (camelCase).</summary>
public static class WorkflowJson
{
    /// <summary>The shared, read-only options.</summary>
    public static JsonSerializerOptions Options => JsonSerializerOptions.Web;

    /// <summary>Serializes a value with <see cref="Options"/>.</summary>
    /// <param name="value">The value (null allowed).</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(object? value) =>
        value is null ? "null" : JsonSerializer.Serialize(value, value.GetType(), Options);

    /// <summary>Deserializes JSON text with <see cref="Options"/>; empty text means null.</summary>
    /// <typeparam name="T">The target type.</typeparam>
    /// <param name="json">The JSON text.</param>
    /// <returns>The value.</returns>
    public static T Deserialize<T>(string? json) =>
        JsonSerializer.Deserialize<T>(string.IsNullOrWhiteSpace(json) ? "null" : json, Options)!;
}
