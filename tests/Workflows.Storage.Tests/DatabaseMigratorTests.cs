using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Workflows.Hosting;
using Workflows.Testing;

namespace Workflows.Storage.Tests;

/// <summary>The migrator every service runs at start, on an empty database of its own per test.</summary>
public sealed class DatabaseMigratorTests : IAsyncLifetime
{
    private readonly IsolatedInfrastructure infra = new();

    public Task InitializeAsync() => infra.InitializeAsync();

    public Task DisposeAsync() => infra.DisposeAsync();

    [Fact]
    public async Task Eight_services_started_at_once_on_an_empty_database_all_start_and_each_migration_is_applied_once()
    {
        var hosts = Enumerable.Range(0, 8).Select(_ => BuildHost(infra.Settings)).ToList();
        try
        {
            // Without one migrator at a time, two of them apply the same migration: 42701 (column already exists) or 42P07.
            await Task.WhenAll(hosts.Select(h => Task.Run(() => h.StartAsync())));

            Assert.All(hosts, h => Assert.True(h.Services.GetRequiredService<DatabaseSchema>().IsReady));
            await using var db = await CreateDbContextAsync(hosts[0]);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        }
        finally
        {
            foreach (var host in hosts)
                await StopAsync(host);
        }
    }

    [Fact]
    public async Task A_service_started_while_postgres_is_unreachable_starts_unhealthy_and_migrates_once_postgres_answers()
    {
        var postgres = new NpgsqlConnectionStringBuilder(infra.PostgresConnectionString);
        await using var postgresComesUp = new TcpForwarder(postgres.Host!, postgres.Port);
        var settings = new Dictionary<string, string?>(infra.Settings)
        {
            [PostgresSettings.Key] = new NpgsqlConnectionStringBuilder(infra.PostgresConnectionString) { Port = postgresComesUp.Port }.ConnectionString,
        };
        var host = BuildHost(settings);
        try
        {
            await host.StartAsync();

            var schema = host.Services.GetRequiredService<DatabaseSchema>();
            Assert.False(schema.IsReady);
            Assert.Equal(HealthStatus.Unhealthy, (await CheckHealthAsync(host)).Status);

            postgresComesUp.Open();

            await schema.WaitUntilReadyAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
            var health = await CheckHealthAsync(host);
            Assert.Equal(HealthStatus.Healthy, health.Entries["database-schema"].Status);
            Assert.Equal(HealthStatus.Healthy, health.Entries["postgres"].Status);
            await using var db = await CreateDbContextAsync(host);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }
        finally
        {
            await StopAsync(host);
        }
    }

    [Fact]
    public async Task The_migrate_command_applies_every_migration_and_exits_without_starting_the_service()
    {
        string[] args = [ServiceRunner.MigrateCommand, .. infra.Settings.Select(s => $"--{s.Key}={s.Value}")];

        var exitCode = await Task.Run(() => ServiceRunner.Run(args, b => b.AddWorkflows().AddStorage())).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, exitCode);
        var host = BuildHost(infra.Settings);
        await using var db = await CreateDbContextAsync(host);
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        host.Dispose();
    }

    [Fact]
    public async Task The_migrate_command_fails_at_once_when_the_database_refuses_rather_than_waiting_for_its_deadline()
    {
        var missing = new NpgsqlConnectionStringBuilder(infra.PostgresConnectionString) { Database = $"missing_{Guid.NewGuid():N}" };
        var settings = new Dictionary<string, string?>(infra.Settings) { [PostgresSettings.Key] = missing.ConnectionString };
        string[] args = [ServiceRunner.MigrateCommand, .. settings.Select(s => $"--{s.Key}={s.Value}")];

        var exitCode = await Task.Run(() => ServiceRunner.Run(args, b => b.AddWorkflows().AddStorage())).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
    }

    private static IHost BuildHost(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddWorkflows().AddStorage();
        return builder.Build();
    }

    private static Task<HealthReport> CheckHealthAsync(IHost host) =>
        host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name is "database-schema" or "postgres");

    private static Task<WorkflowsDbContext> CreateDbContextAsync(IHost host) =>
        host.Services.GetRequiredService<IDbContextFactory<WorkflowsDbContext>>().CreateDbContextAsync();

    private static async Task StopAsync(IHost host)
    {
        await host.StopAsync();
        host.Dispose();
    }
}
