using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Workflows.ServiceDefaults;

/// <summary>What every Workflows service shares: settings, MassTransit over RabbitMQ, OpenTelemetry and health checks.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>The ActivitySource and Meter name of the engine's own spans and metrics.</summary>
    public const string TelemetryName = "Workflows";

    private const string LiveTag = "live";

    /// <summary>
    /// Reads <c>ConnectionStrings:Postgres</c> and <c>ConnectionStrings:RabbitMq</c> (a missing or malformed one throws
    /// <see cref="MissingSettingException"/>), wires MassTransit on RabbitMQ with the service's consumers, OpenTelemetry and health checks.
    /// </summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder, Action<IBusRegistrationConfigurator>? configureBus = null)
        where TBuilder : IHostApplicationBuilder
    {
        if (builder.Environment.IsDevelopment())
            LocalInfrastructureFile.AddTo(builder.Configuration);

        var postgres = PostgresSettings.Read(builder.Configuration[PostgresSettings.Key]);
        var rabbit = RabbitMqAddress.Parse(builder.Configuration[RabbitMqAddress.Key]);

        builder.Services.AddSingleton(_ => new NpgsqlDataSourceBuilder(postgres).Build());
        builder.Services.AddSingleton(rabbit);

        builder.Services.AddMassTransit(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();
            configureBus?.Invoke(x);
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(rabbit.Host, rabbit.Port, rabbit.VirtualHost, builder.Environment.ApplicationName, h =>
                {
                    h.Username(rabbit.Username);
                    h.Password(rabbit.Password);
                    h.PublisherConfirmation = true;
                });
                cfg.ConfigureEndpoints(context);
            });
        });

        builder.AddTelemetry();

        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag])
            .AddCheck<PostgresHealthCheck>("postgres", HealthStatus.Unhealthy, timeout: TimeSpan.FromSeconds(5));
        return builder;
    }

    /// <summary>
    /// The embedded twin of <see cref="AddServiceDefaults{TBuilder}"/> for a process that hosts every service (the DevHost):
    /// MassTransit's in-memory transport with its delayed message scheduler (so sagas' <c>Schedule</c> works without the
    /// Scheduler service; timers live in memory), OpenTelemetry and health checks. Reads no connection string.
    /// </summary>
    public static TBuilder AddEmbeddedServiceDefaults<TBuilder>(this TBuilder builder, Action<IBusRegistrationConfigurator>? configureBus = null)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddMassTransit(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();
            x.AddDelayedMessageScheduler();
            configureBus?.Invoke(x);
            x.UsingInMemory((context, cfg) =>
            {
                cfg.UseDelayedMessageScheduler();
                cfg.ConfigureEndpoints(context);
            });
        });

        builder.AddTelemetry();

        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>Maps <c>/alive</c> (the process answers) and <c>/health</c> (RabbitMQ and PostgreSQL reachable) in every environment.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = r => r.Tags.Contains(LiveTag) });
        app.MapHealthChecks("/health");
        return app;
    }

    private static void AddTelemetry(this IHostApplicationBuilder builder)
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
                .AddSource(TelemetryName, "MassTransit", "Npgsql")
                .AddAspNetCoreInstrumentation(o => o.Filter = c => !c.Request.Path.StartsWithSegments("/alive") && !c.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation())
            .WithMetrics(m => m
                .AddMeter(TelemetryName, "MassTransit", "Npgsql")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            otel.UseOtlpExporter();
    }
}
