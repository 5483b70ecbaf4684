namespace Workflows.Samples;

/// <summary>Params of <see cref="ReportWorkflow"/>.</summary>
/// <param name="Sections">The sections, each written by its own step.</param>
/// <param name="Format"><c>html</c>, or anything else for plain text.</param>
public sealed record ReportParams(IReadOnlyList<string>? Sections = null, string? Format = null);
