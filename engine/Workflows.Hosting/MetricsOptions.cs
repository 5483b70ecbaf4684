namespace Workflows.Hosting;

/// <summary>Section <c>Workflows:Metrics</c>: how the process serves its metrics besides OTLP.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Workflows:Metrics";

    /// <summary>Serve the metrics for Prometheus at <c>GET /metrics</c> (outside <c>/api</c>: no API key; keep it on the cluster network).</summary>
    public bool Prometheus { get; set; }
}
