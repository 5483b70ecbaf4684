using Microsoft.EntityFrameworkCore;
using Npgsql;
using Workflows.Testing;

namespace Workflows.Storage.Tests.History;

/// <summary>A class fixture: this class's own PostgreSQL database with the EF Core migrations applied.</summary>
public sealed class MigratedDatabase : IAsyncLifetime
{
    private readonly IsolatedInfrastructure infrastructure = new();
    private readonly List<NpgsqlDataSource> sources = [];

    /// <summary>The data source most tests share.</summary>
    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await infrastructure.InitializeAsync();
        DataSource = NewDataSource();
        var options = StorageExtensions.Configure(new DbContextOptionsBuilder<WorkflowsDbContext>(), DataSource).Options;
        await using var db = new WorkflowsDbContext((DbContextOptions<WorkflowsDbContext>)options);
        await db.Database.MigrateAsync();
    }

    /// <summary>A data source of its own, as a second process on the same database would have.</summary>
    public NpgsqlDataSource NewDataSource()
    {
        var source = NpgsqlDataSource.Create(infrastructure.PostgresConnectionString);
        lock (sources)
            sources.Add(source);
        return source;
    }

    public async Task DisposeAsync()
    {
        foreach (var source in sources)
            await source.DisposeAsync();
        await infrastructure.DisposeAsync();
    }
}
