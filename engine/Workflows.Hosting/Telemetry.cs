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
                .AddAspNetCoreInstrumentation(o => o.Filter = c => !HealthEndpoints.IsProbe(c.Request.Path))
                .AddHttpClientInstrumentation())
            .WithMetrics(m => m
                .AddMeter(WorkflowDiagnostics.ActivitySourceName, MassTransit, Npgsql)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            otel.UseOtlpExporter();
    }
}
