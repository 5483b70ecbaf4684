namespace Workflows.Benchmarks.Results;

/// <summary>What one scenario measured; filled as it goes, so a scenario that runs out of time still reports what it reached.</summary>
internal sealed class ScenarioResult(string name)
{
    public string Name { get; } = name;

    /// <summary>False when the scenario ran out of its time budget or failed; its metrics are then partial.</summary>
    public bool Completed { get; set; }

    public double ElapsedSeconds { get; set; }

    public List<Metric> Metrics { get; } = [];

    public List<string> Notes { get; } = [];

    public void Add(string metric, double value, string unit) => Metrics.Add(new Metric(metric, value, unit));

    /// <summary>Adds <c>{name} p50/p95/p99/max</c> (whichever are asked) of a distribution in milliseconds.</summary>
    public void Add(string metric, Distribution distribution, bool p95 = true)
    {
        Add($"{metric} p50", distribution.P50, "ms");
        if (p95) Add($"{metric} p95", distribution.P95, "ms");
        Add($"{metric} p99", distribution.P99, "ms");
        Add($"{metric} max", distribution.Max, "ms");
    }

    public double? Find(string metric) => Metrics.FirstOrDefault(m => m.Name == metric)?.Value;
}
