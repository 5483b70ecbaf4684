using Workflows.Benchmarks.Results;
using Workflows.Benchmarks.Stack;

namespace Workflows.Benchmarks.Scenarios;

/// <summary>What a scenario runs against: the options, a fresh engine (null for the peer), and the results so far.</summary>
internal sealed record ScenarioContext(BenchmarkOptions Options, EngineStack? Engine, IReadOnlyList<ScenarioResult> Earlier, DateTime Deadline)
{
    public EngineStack Stack => Engine ?? throw new InvalidOperationException("this scenario runs without the engine");

    /// <summary>A metric of an earlier scenario of this run, if it ran.</summary>
    public double? EarlierMetric(string scenario, string metric) => Earlier.FirstOrDefault(r => r.Name == scenario)?.Find(metric);
}
