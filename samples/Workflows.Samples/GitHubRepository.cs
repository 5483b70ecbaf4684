using System.Text.Json.Serialization;

namespace Workflows.Samples;

/// <summary>A repository as a GitHub webhook delivery carries it.</summary>
/// <param name="FullName">"owner/name" (<c>full_name</c>).</param>
public sealed record GitHubRepository([property: JsonPropertyName("full_name")] string FullName);
