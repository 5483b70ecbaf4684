using Microsoft.EntityFrameworkCore;
using Npgsql;
using Workflows.Storage;
using Workflows.Testing;

namespace Workflows.Runtime.Benchmarks;

/// <summary>A database of the benchmark's own on the test PostgreSQL, migrated on creation and dropped on dispose.</summary>
public sealed class BenchmarkDatabase : IAsyncDisposable
{
    private readonly string server;
    private readonly string name;

    private BenchmarkDatabase(string server, string name, NpgsqlDataSource dataSource)
    {
        this.server = server;
        this.name = name;
        DataSource = dataSource;
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>Where the database lives (host, port, database), for the report.</summary>
    public string Describe() => $"{DataSource.ConnectionString.Split(';').FirstOrDefault(p => p.StartsWith("Host", StringComparison.OrdinalIgnoreCase))}, database {name}";

    public static async Task<BenchmarkDatabase> CreateAsync()
    {
        var server = (await InfrastructureEndpoints.GetAsync()).Postgres;
        var name = $"wf_bench_{Guid.NewGuid():N}"[..24];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
        var options = StorageExtensions.Configure(new DbContextOptionsBuilder<WorkflowsDbContext>(), dataSource).Options;
        await using (var db = new WorkflowsDbContext((DbContextOptions<WorkflowsDbContext>)options))
            await db.Database.MigrateAsync();
        return new BenchmarkDatabase(server, name, dataSource);
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
