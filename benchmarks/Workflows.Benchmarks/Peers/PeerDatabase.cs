using Npgsql;
using Workflows.Testing;

namespace Workflows.Benchmarks.Peers;

/// <summary>A peer's own database on the shared PostgreSQL server, created fresh and dropped when disposed.</summary>
internal sealed class PeerDatabase : IAsyncDisposable
{
    private readonly string admin;
    private readonly string name;

    private PeerDatabase(string admin, string name)
    {
        this.admin = admin;
        this.name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 100 }.ConnectionString;
    }

    public string ConnectionString { get; }

    /// <summary>The postgresql:// URL node-postgres takes.</summary>
    public string Url
    {
        get
        {
            var b = new NpgsqlConnectionStringBuilder(ConnectionString);
            return $"postgresql://{Uri.EscapeDataString(b.Username ?? "")}:{Uri.EscapeDataString(b.Password ?? "")}@{b.Host}:{b.Port}/{name}";
        }
    }

    /// <summary>The server's postmaster, whose processes' CPU is the peer's PostgreSQL cost.</summary>
    public async Task<int> PostmasterAsync(CancellationToken ct)
    {
        await using var source = NpgsqlDataSource.Create(ConnectionString);
        return await Stack.CpuAccount.PostmasterOfAsync(source, ct);
    }

    public static async Task<PeerDatabase> CreateAsync(string peer, CancellationToken ct)
    {
        var database = new PeerDatabase((await InfrastructureEndpoints.GetAsync()).Postgres, $"wf_bench_{peer}_{Guid.NewGuid():N}"[..32]);
        await database.ExecuteAsync($"CREATE DATABASE \"{database.name}\"", ct);
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", CancellationToken.None);
    }

    private async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
