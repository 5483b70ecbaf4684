using Workflows.Testing;

namespace Workflows.Hosting.Tests.Telemetry;

/// <summary>The distributed stack (each service its own process) exporting OTLP/HTTP protobuf to an in-test receiver, and serving /metrics.</summary>
public class TracingStack : DistributedStack
{
    public OtlpReceiver Receiver { get; } = new();

    /// <summary>Settings a subclass adds to the telemetry ones.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Tuning => new Dictionary<string, string?>();

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>(Tuning)
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Receiver.Endpoint.ToString().TrimEnd('/'),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        // Export within a fraction of a second, so the test waits for spans, not for the batch timer.
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
        ["Workflows:Metrics:Prometheus"] = "true",
    };

    public override async Task InitializeAsync()
    {
        await Receiver.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
