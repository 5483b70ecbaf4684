namespace Workflows.Cli.Http;

/// <summary>An answer of the Api: the typed value for rendering and the body exactly as sent, for <c>--json</c>.</summary>
internal sealed record ApiResponse<T>(T Value, string Json);
