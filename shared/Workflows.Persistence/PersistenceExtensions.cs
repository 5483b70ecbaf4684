using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Workflows.Persistence.History;
using Workflows.Runtime;

namespace Workflows.Persistence;

public static class PersistenceExtensions
{
    /// <summary>
    /// Registers <see cref="WorkflowsDbContext"/> on the service's <see cref="NpgsqlDataSource"/>, applies migrations at
    /// start, and the PostgreSQL <see cref="IHistoryStore"/>.
    /// </summary>
    public static IServiceCollection AddWorkflowsPersistence(this IServiceCollection services)
    {
        services.AddDbContextFactory<WorkflowsDbContext>((sp, o) => Configure(o, sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddHostedService<DatabaseMigrator>();
        services.TryAddSingleton<IHistoryStore, PostgresHistoryStore>();
        return services;
    }

    /// <summary>
    /// The embedded alternative for the DevHost: <see cref="WorkflowsDbContext"/> on a SQLite file (schema created at start
    /// with <c>EnsureCreated</c>, write-ahead log on) and the EF Core <see cref="IHistoryStore"/>. One process per file.
    /// </summary>
    public static IServiceCollection AddWorkflowsSqlitePersistence(this IServiceCollection services, string connectionString)
    {
        services.AddDbContextFactory<WorkflowsDbContext>(o => o.UseSqlite(connectionString));
        services.AddHostedService<SqliteDatabaseCreator>();
        services.TryAddSingleton<IHistoryStore, EntityFrameworkHistoryStore>();
        return services;
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options.UseNpgsql(dataSource, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations", WorkflowsDbContext.Schema));
}
