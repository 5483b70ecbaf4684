namespace Workflows.Benchmarks.Results;

/// <summary>A target from the design handbook and what this run measured against it (Met is null when not measured).</summary>
internal sealed record Goal(string Name, string Target, string Measured, bool? Met);
