namespace Workflows.Api.Diagrams;

/// <summary>The <c>?format=</c> values of <c>GET /api/workflows/{workflow}/diagram</c>.</summary>
internal static class DiagramFormat
{
    public const string Json = "json";
    public const string Mermaid = "mermaid";
    public const string Svg = "svg";

    public static readonly string[] All = [Json, Mermaid, Svg];
}
