using System.Globalization;
using Workflows.Benchmarks.Scenarios;

namespace Workflows.Benchmarks.Results;

/// <summary>The targets of the design handbook, judged on this run's results.</summary>
internal static class Goals
{
    public static IReadOnlyList<Goal> Evaluate(IReadOnlyList<ScenarioResult> results)
    {
        // NaN: a ratio whose other side did not run.
        double? Find(string scenario, string metric) => results.FirstOrDefault(r => r.Name == scenario)?.Find(metric) is { } v && !double.IsNaN(v) ? v : null;

        var throughput = Find("throughput", "instances/s");
        // Hangfire at its best mode; the engines' ratios are ours ÷ theirs as the engines scenario computed them.
        var hangfire = Find("peer", $"{PeerScenario.EnqueuedFirst}: chains/s");
        var ratio = throughput is { } ours && hangfire is > 0 ? ours / hangfire : (double?)null;
        var parked = Find("scale", "parked instances");
        var proportional = Find("scale", "proportional (PSS), all services");
        return
        [
            AtLeast("throughput", "≥ 1,000 instances/s", throughput, 1000, "instances/s"),
            AtMost("latency at half load", "p99 create → first step ≤ 50 ms", Find("latency", "create → first step p99"), 50, "ms"),
            AtMost("timer lateness", "p99 ≤ 100 ms at half load", Find("timers", "lateness p99"), 100, "ms"),
            AtMost("parked instances", "100,000 parked < 500 MiB proportional (five services)", proportional, 500, $"MiB with {parked:N0} parked",
                strict: true, valid: parked >= 100_000),
            AtLeast("vs Hangfire", "≥ 5× Hangfire's chains/s", ratio, 5, "×"),
            AtLeast("vs DBOS (queue)", "≥ 2× its instances/s", Find("engines", "DBOS queue: ours ÷ this, instances/s"), 2, "×"),
            AtLeast("vs Restate", "≥ 1× its instances/s", Find("engines", "Restate: ours ÷ this, instances/s"), 1, "×"),
            AtMost("complete at half load", "p99 create → complete ≤ 100 ms", Find("latency", "create → complete p99"), 100, "ms"),
        ];
    }

    private static Goal AtLeast(string name, string target, double? value, double bound, string unit) =>
        new(name, target, Format(value, unit), value is { } v ? v >= bound : null);

    /// <summary><paramref name="valid"/> false: measured at a size the target does not speak about, so not judged.</summary>
    private static Goal AtMost(string name, string target, double? value, double bound, string unit, bool strict = false, bool valid = true) =>
        new(name, target, Format(value, unit) + (valid || value is null ? "" : " (not judged: smaller run)"),
            value is { } v && valid ? (strict ? v < bound : v <= bound) : null);

    private static string Format(double? value, string unit) =>
        value is { } v ? $"{v.ToString(v >= 100 ? "N0" : "N1", CultureInfo.InvariantCulture)} {unit}" : "not measured";
}
