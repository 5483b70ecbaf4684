namespace Workflows.Benchmarks.Results;

/// <summary>The JSON written to <c>--out</c>.</summary>
internal sealed record BenchmarkReport(
    DateTimeOffset StartedAt,
    bool Quick,
    string Machine,
    IReadOnlyList<ScenarioResult> Scenarios,
    IReadOnlyList<Goal> Goals);
