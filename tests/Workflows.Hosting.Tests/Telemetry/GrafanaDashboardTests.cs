using System.Text.Json;
using System.Text.RegularExpressions;

namespace Workflows.Hosting.Tests.Telemetry;

public sealed partial class GrafanaDashboardTests
{
    [Fact]
    public void The_grafana_dashboard_is_valid_json_and_queries_only_documented_metrics()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(DocumentedMetrics.RepositoryPath("deploy/grafana/workflows.json")));
        var queries = Targets(dashboard.RootElement).ToList();

        Assert.NotEmpty(queries);
        // Label names (in `by (…)`) may start with workflows_ too (workflows_schedule_id): only metric names count.
        var queried = queries.SelectMany(q => MetricName().Matches(Grouping().Replace(q, "")).Select(m => m.Value)).ToHashSet(StringComparer.Ordinal);
        var documented = DocumentedMetrics.PrometheusNames;
        var undocumented = queried.Where(name => !documented.Contains(Regex.Replace(name, "_(bucket|sum|count)$", ""))).ToList();
        Assert.True(undocumented.Count == 0, $"queried but not in docs/observability.md: {string.Join(", ", undocumented)}");
        // Every engine metric has a panel.
        var unshown = DocumentedMetrics.Engine.Where(m => !queried.Any(q => q.StartsWith(m.Prometheus, StringComparison.Ordinal))).Select(m => m.Prometheus).ToList();
        Assert.True(unshown.Count == 0, $"documented but on no panel: {string.Join(", ", unshown)}");
    }

    /// <summary>Every <c>expr</c> of every panel target, nested rows included.</summary>
    private static IEnumerable<string> Targets(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == "expr" && property.Value.ValueKind == JsonValueKind.String)
                    yield return property.Value.GetString()!;
                foreach (var nested in Targets(property.Value))
                    yield return nested;
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
                foreach (var nested in Targets(item))
                    yield return nested;
        }
    }

    [GeneratedRegex(@"\bworkflows_[a-z_]+")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"\b(by|without)\s*\([^)]*\)")]
    private static partial Regex Grouping();
}
