using System.Security.Cryptography;
using MassTransit;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflows.Api;
using Workflows.Events;
using Workflows.Executor.Hosting;
using Workflows.Orchestrator;
using Workflows.Persistence;
using Workflows.Samples;
using Workflows.Scheduler;
using Workflows.ServiceDefaults;

namespace Workflows.DevHost;

public static class DevHostExtensions
{
    /// <summary>Settings every DevHost starts from (any configuration source overrides them): a readable console.</summary>
    private static readonly Dictionary<string, string?> Defaults = new()
    {
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        ["Logging:LogLevel:MassTransit"] = "Warning",
    };

    /// <summary>Settings the embedded mode starts from (any configuration source overrides them).</summary>
    private static readonly Dictionary<string, string?> EmbeddedDefaults = new()
    {
        // One process owns every run: after a restart its runs are dead, so take them over within seconds, not minutes.
        ["Orchestrator:RunDeadline"] = "00:00:15",
        ["Executor:LeaseDuration"] = "00:00:10",
    };

    /// <summary>
    /// Every service's parts in this process. With <c>ConnectionStrings:RabbitMq</c> and <c>ConnectionStrings:Postgres</c>
    /// both set: RabbitMQ, PostgreSQL and the Quartz scheduler, as the services run. Otherwise the embedded default:
    /// MassTransit's in-memory transport with its delayed scheduler, and SQLite in <c>{DevHost:StateDirectory}/devhost.db</c>.
    /// Without <c>Api:Keys</c> a key is generated (or taken from the last <c>cli.json</c>).
    /// </summary>
    public static WebApplicationBuilder AddDevHost(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DevHostOptions.Section).Get<DevHostOptions>() ?? new DevHostOptions();
        var mode = SelectMode(builder.Configuration, options);
        EnsureApiKey(builder.Configuration, options);

        AddDefaults(builder.Configuration, Defaults);
        if (mode.Embedded)
        {
            AddDefaults(builder.Configuration, EmbeddedDefaults);
            // Before the bus: the schema must exist before the first message is consumed.
            builder.Services.AddWorkflowsSqlitePersistence(mode.SqliteConnectionString!);
            builder.AddEmbeddedServiceDefaults(bus =>
            {
                AddConsumers(bus);
                bus.AddBusObserver<TimerRestorer>();
            });
            builder.Services.TryAddSingleton<IInstanceLeases, EntityFrameworkInstanceLeases>();
            builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        }
        else
        {
            builder.Services.AddWorkflowsPersistence();
            builder.AddServiceDefaults(bus =>
            {
                bus.AddWorkflowsScheduler();
                bus.AddSchedulerConsumers();
                AddConsumers(bus);
            });
            builder.AddScheduler();
            builder.Services.TryAddSingleton<IInstanceLeases, PostgresInstanceLeases>();
        }

        builder.Services.AddOrchestratorServices();
        builder.Services.AddEventsServices();
        builder.Services.AddWorkflowExecutorServices().AddSampleWorkflows();
        builder.AddApiServices();
        builder.Services.AddSingleton(mode);
        builder.Services.AddSingleton(options);
        builder.Services.AddHostedService<DevHostBanner>();
        return builder;
    }

    /// <summary>Lowest precedence: every other source (appsettings, environment, command line) overrides these.</summary>
    private static void AddDefaults(IConfigurationManager configuration, Dictionary<string, string?> defaults) =>
        ((IConfigurationBuilder)configuration).Sources.Insert(0, new MemoryConfigurationSource { InitialData = defaults });

    private static void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddOrchestratorConsumers();
        bus.AddOrchestratorClients();
        bus.AddEventsConsumers();
        bus.AddWorkflowExecutorConsumers();
    }

    private static DevHostMode SelectMode(IConfiguration configuration, DevHostOptions options)
    {
        var rabbit = !string.IsNullOrWhiteSpace(configuration[RabbitMqAddress.Key]);
        var postgres = !string.IsNullOrWhiteSpace(configuration[PostgresSettings.Key]);
        if (rabbit != postgres)
            throw new MissingSettingException(
                $"{(rabbit ? PostgresSettings.Key : RabbitMqAddress.Key)} is not set: the DevHost uses real infrastructure only with both " +
                $"{RabbitMqAddress.Key} and {PostgresSettings.Key}; unset both for the embedded default.");
        if (rabbit)
            return new DevHostMode(Embedded: false, SqliteConnectionString: null);

        var connectionString = configuration["ConnectionStrings:Sqlite"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            Directory.CreateDirectory(Path.GetFullPath(options.StateDirectory));
            connectionString = $"Data Source={Path.GetFullPath(options.DatabasePath)}";
        }
        return new DevHostMode(Embedded: true, connectionString);
    }

    /// <summary>Without <c>Api:Keys</c>: the key of the last run's <c>cli.json</c> (so earlier commands keep working), else a new one.</summary>
    private static void EnsureApiKey(IConfigurationManager configuration, DevHostOptions options)
    {
        var keys = configuration.GetSection("Api:Keys");
        if (!string.IsNullOrWhiteSpace(keys.Value) || keys.GetChildren().Any(c => !string.IsNullOrWhiteSpace(c.Value)))
            return;
        configuration["Api:Keys"] = CliConfig.TryRead(options.CliConfigPath)?.ApiKey is { Length: > 0 } previous
            ? previous
            : "wf_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
    }

    /// <summary>The first configured key: the one the banner and <c>cli.json</c> show.</summary>
    internal static string FirstApiKey(IConfiguration configuration)
    {
        var keys = configuration.GetSection("Api:Keys");
        var all = keys.Value is { } joined ? joined.Split(',') : keys.GetChildren().Select(c => c.Value ?? "");
        return all.Select(k => k.Trim()).First(k => k.Length > 0);
    }
}
