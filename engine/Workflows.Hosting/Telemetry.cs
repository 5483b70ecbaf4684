using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Workflows.Runtime;

namespace Workflows.Hosting;

internal static class Telemetry
{
    private const string MassTransit = "MassTransit";
    private const string Npgsql = "Npgsql";

    public const string PrometheusPath = "/metrics";

    /// <summary>Traces, metrics and logs of the engine, MassTransit, Npgsql and ASP.NET Core; OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.</summary>
    public static void AddTelemetry(this IHostApplicationBuilder builder)
    {
        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"] ?? builder.Environment.ApplicationName;

        builder.Logging.AddOpenTelemetry(o =>
        {
            o.IncludeFormattedMessage = true;
            o.IncludeScopes = true;
        });

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithTracing(t => t
                .AddSource(WorkflowDiagnostics.ActivitySourceName, MassTransit, Npgsql)
                .AddAspNetCoreInstrumentation(o => o.Filter = c => !HealthEndpoints.IsProbe(c.Request.Path) && !c.Request.Path.StartsWithSegments(PrometheusPath))
                .AddHttpClientInstrumentation())
            .WithMetrics(m => m
                .AddMeter(WorkflowDiagnostics.ActivitySourceName, MassTransit, Npgsql)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation());

        if (builder.ServesPrometheus())
            otel.WithMetrics(m => m.AddPrometheusExporter());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            otel.UseOtlpExporter();
    }

    /// <summary>Maps <see cref="PrometheusPath"/> when <see cref="MetricsOptions.Prometheus"/> is set (outside <c>/api</c>: no API key; restrict it on the network).</summary>
    public static void MapPrometheus(this WebApplication app)
    {
        if (app.ServesPrometheus())
            app.MapPrometheusScrapingEndpoint(PrometheusPath);
    }

    // Read at composition, before options exist: the exporter is part of the meter provider being built.
    private static bool ServesPrometheus(this IHostApplicationBuilder builder) => ServesPrometheus(builder.Configuration);

    private static bool ServesPrometheus(this WebApplication app) => ServesPrometheus(app.Configuration);

    private static bool ServesPrometheus(IConfiguration configuration) =>
        configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>()?.Prometheus ?? false;
}
