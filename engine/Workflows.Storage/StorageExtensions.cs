using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Npgsql;
using Workflows.Hosting;
using Workflows.Runtime;
using Workflows.Storage.History;

namespace Workflows.Storage;

public static class StorageExtensions
{
    private const string Part = "storage";

    /// <summary>
    /// The engine's database, once per process: on PostgreSQL, <see cref="WorkflowsDbContext"/> on the process's
    /// <see cref="NpgsqlDataSource"/>, the migrations applied at start (one migrator at a time) and the PostgreSQL
    /// <see cref="IHistoryStore"/>; on the embedded default, a SQLite file (schema created at start) and the EF Core store.
    /// <see cref="DatabaseSchema"/> tells when the schema is up to date; <c>/health</c> is 503 until it is.
    /// </summary>
    public static WorkflowsBuilder AddStorage(this WorkflowsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.TryAddPart(Part))
            return builder;
        return builder.ConfigureInfrastructure((infrastructure, services) =>
        {
            services.TryAddSingleton<DatabaseSchema>();
            services.AddHealthChecks().AddCheck<DatabaseSchemaHealthCheck>("database-schema");
            if (infrastructure.SqliteConnectionString is { } sqlite)
            {
                services.AddDbContextFactory<WorkflowsDbContext>(o => QuietFailures(o.UseSqlite(sqlite)));
                services.AddHostedService<SqliteDatabaseCreator>();
                services.TryAddSingleton<IHistoryStore, EntityFrameworkHistoryStore>();
                services.AddHealthChecks().AddCheck<SqliteHealthCheck>("database");
            }
            else
            {
                services.AddDbContextFactory<WorkflowsDbContext>((sp, o) => Configure(o, sp.GetRequiredService<NpgsqlDataSource>()));
                services.AddSingleton<DatabaseMigrator>();
                services.AddHostedService(sp => sp.GetRequiredService<DatabaseMigrator>());
                services.AddSingleton<ISchemaMigration>(sp => sp.GetRequiredService<DatabaseMigrator>());
                services.TryAddSingleton<IHistoryStore, PostgresHistoryStore>();
            }
        });
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        QuietFailures(options.UseNpgsql(dataSource, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations", WorkflowsDbContext.Schema)));

    /// <summary>
    /// EF Core logs a failed command as an error with its stack trace before the caller has decided what it means: a
    /// duplicate id is answered 409, a lost race retried, a duplicate event ignored. The exception reaches the caller
    /// either way, and whatever does not expect it logs it (a message fault, the Api's exception handler), so EF's own
    /// lines are debug.
    /// </summary>
    private static DbContextOptionsBuilder QuietFailures(DbContextOptionsBuilder options) =>
        options.ConfigureWarnings(w => w.Log(
            (RelationalEventId.CommandError, LogLevel.Debug),
            (CoreEventId.SaveChangesFailed, LogLevel.Debug),
            (CoreEventId.QueryIterationFailed, LogLevel.Debug)));
}
