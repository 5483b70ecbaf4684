using System.Text.RegularExpressions;

namespace Workflows.Hosting.Tests.Telemetry;

/// <summary>The metric tables of docs/observability.md: each row's instrument and Prometheus names.</summary>
public static partial class DocumentedMetrics
{
    private static readonly Lazy<IReadOnlyList<(string Instrument, string Prometheus)>> All = new(Read);

    /// <summary>The first table's rows: the metrics every stack that runs instances exports.</summary>
    public static IReadOnlyList<(string Instrument, string Prometheus)> Engine => [.. All.Value.Where(m => !m.Instrument.Contains(".schedule.", StringComparison.Ordinal))];

    /// <summary>Every documented Prometheus name (the engine's and the schedules').</summary>
    public static IReadOnlySet<string> PrometheusNames => All.Value.Select(m => m.Prometheus).ToHashSet(StringComparer.Ordinal);

    public static string RepositoryPath(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Workflows.sln")))
                return Path.Combine(dir.FullName, relative);
        throw new InvalidOperationException($"No Workflows.sln above {AppContext.BaseDirectory}.");
    }

    private static IReadOnlyList<(string, string)> Read() =>
        [.. File.ReadLines(RepositoryPath("docs/observability.md"))
            .Select(line => Row().Match(line))
            .Where(m => m.Success)
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value))];

    // | `workflows.step.attempts` | `workflows_step_attempts_total` | counter | …
    [GeneratedRegex(@"^\| `(workflows\.[a-z_.]+)` \| `(workflows_[a-z_]+)` \|")]
    private static partial Regex Row();
}
