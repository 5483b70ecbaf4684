namespace Workflows.Deploy.Tests;

/// <summary>What <see cref="ManifestSchemas.Validate"/> said about each object.</summary>
internal sealed record SchemaReport(IReadOnlyList<string> Lines)
{
    public IReadOnlyList<string> Valid => [.. Lines.Where(l => l.StartsWith("valid ", StringComparison.Ordinal)).Select(l => l["valid ".Length..])];

    public IReadOnlyList<string> Invalid => [.. Lines.Where(l => !l.StartsWith("valid ", StringComparison.Ordinal))];
}
