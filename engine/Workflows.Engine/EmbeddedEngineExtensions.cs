using MassTransit;
using System.Security.Cryptography;
using Workflows.Api;
using Workflows.Dashboard;
using Workflows.Events;
using Workflows.Executor;
using Workflows.Hosting;
using Workflows.Orchestrator;
using Workflows.Scheduler;
using Workflows.Storage;
using Workflows.Webhooks;

namespace Workflows.Engine;

public static class EmbeddedEngineExtensions
{
    /// <summary>Settings every embedded engine starts from (any configuration source overrides them): a readable console.</summary>
    private static readonly Dictionary<string, string?> Defaults = new()
    {
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        ["Logging:LogLevel:MassTransit"] = "Warning",
    };

    /// <summary>Settings the embedded default starts from (any configuration source overrides them).</summary>
    private static readonly Dictionary<string, string?> EmbeddedDefaults = new()
    {
        // One process owns every run: after a restart its runs are dead, so take them over within seconds, not minutes.
        ["Orchestrator:RunDeadline"] = "00:00:15",
        ["Executor:LeaseDuration"] = "00:00:10",
    };

    /// <summary>
    /// The whole engine in this process: Api (with the dashboard at <c>/</c>), Orchestrator, Events, Webhooks and an Executor for the workflows you add
    /// (<c>.AddWorkflow&lt;T&gt;()</c>), with timers. With <c>ConnectionStrings:RabbitMq</c> and <c>ConnectionStrings:Postgres</c>
    /// both set: on RabbitMQ and PostgreSQL, with the Quartz Scheduler, as the services run. Otherwise the embedded default:
    /// MassTransit's in-memory transport with its delayed scheduler, and SQLite in <c>{Engine:StateDirectory}/engine.db</c>.
    /// Without <c>Api:Keys</c> a key is generated (or taken from the last <c>cli.json</c>); once it listens, the process
    /// prints its URL and key and writes both to <c>{Engine:StateDirectory}/cli.json</c> for the <c>workflows</c> CLI.
    /// </summary>
    public static WorkflowsBuilder AddEmbeddedEngine(this WorkflowsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var options = configuration.ReadValidated<EngineOptions>(EngineOptions.Section);
        var sqlite = SelectSqlite(configuration, options);
        EnsureApiKey(configuration, options);

        configuration.AddDefaults(Defaults);
        if (sqlite is not null)
        {
            configuration.AddDefaults(EmbeddedDefaults);
            builder.UseEmbeddedInfrastructure(sqlite);
            builder.ConfigureBus(bus => bus.AddBusObserver<TimerRestorer>());
            // Schedules without Quartz: a ticker over the schedules table (the Scheduler adds them otherwise).
            builder.AddSchedules();
        }
        else
        {
            builder.AddScheduler();
        }

        builder.Services.AddValidatedOptions<EngineOptions>(EngineOptions.Section);
        builder.Services.AddHostedService<EngineBanner>();
        return builder.AddOrchestrator().AddEvents().AddExecutor().AddApi().AddDashboard().AddWebhooks();
    }

    /// <summary>The SQLite connection string of the embedded default, or null when both RabbitMQ and PostgreSQL are configured.</summary>
    private static string? SelectSqlite(IConfiguration configuration, EngineOptions options)
    {
        var rabbit = !string.IsNullOrWhiteSpace(configuration[RabbitMqAddress.Key]);
        var postgres = !string.IsNullOrWhiteSpace(configuration[PostgresSettings.Key]);
        if (rabbit != postgres)
            throw new MissingSettingException(
                $"{(rabbit ? PostgresSettings.Key : RabbitMqAddress.Key)} is not set: the engine uses real infrastructure only with both " +
                $"{RabbitMqAddress.Key} and {PostgresSettings.Key}; unset both for the embedded default.");
        if (rabbit)
            return null;

        var connectionString = configuration["ConnectionStrings:Sqlite"];
        if (!string.IsNullOrWhiteSpace(connectionString))
            return connectionString;
        // The state directory holds the database with every payload and cli.json with the key.
        OwnerOnlyFiles.CreateDirectory(Path.GetFullPath(options.StateDirectory));
        return $"Data Source={Path.GetFullPath(options.DatabasePath)}";
    }

    /// <summary>Without <c>Api:Keys</c>: the key of the last run's <c>cli.json</c> (so earlier commands keep working), else a new one.</summary>
    private static void EnsureApiKey(IConfigurationManager configuration, EngineOptions options)
    {
        if (ApiOptions.ConfiguredKeys(configuration).Count > 0)
            return;
        configuration[ApiOptions.KeysKey] = CliConfig.TryRead(options.CliConfigPath)?.ApiKey is { Length: > 0 } previous
            ? previous
            : "wf_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
    }
}
