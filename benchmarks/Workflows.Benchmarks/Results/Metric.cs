namespace Workflows.Benchmarks.Results;

/// <summary>One measured figure, e.g. <c>("instances/s", 1234.5, "1/s")</c>.</summary>
internal sealed record Metric(string Name, double Value, string Unit);
