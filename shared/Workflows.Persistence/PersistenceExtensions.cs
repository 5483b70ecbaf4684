using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Workflows.Persistence;

public static class PersistenceExtensions
{
    /// <summary>Registers <see cref="WorkflowsDbContext"/> on the service's <see cref="NpgsqlDataSource"/> and applies migrations at start.</summary>
    public static IServiceCollection AddWorkflowsPersistence(this IServiceCollection services)
    {
        services.AddDbContextFactory<WorkflowsDbContext>((sp, o) => Configure(o, sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddHostedService<DatabaseMigrator>();
        return services;
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options.UseNpgsql(dataSource, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations", WorkflowsDbContext.Schema));
}
