using Npgsql;

namespace Workflows.Executor;

/// <summary>The leases on PostgreSQL, one statement each: an upsert takes a free, expired or older-generation lease.</summary>
public sealed class PostgresInstanceLeases(NpgsqlDataSource dataSource, TimeProvider time) : IInstanceLeases
{
    public async Task<string?> TryAcquireAsync(string instanceId, long generation, TimeSpan duration, CancellationToken ct)
    {
        var owner = IInstanceLeases.NewOwner();
        await using var command = dataSource.CreateCommand("""
            INSERT INTO workflows.instance_leases (instance_id, owner, expires_at, generation) VALUES ($1, $2, $3, $5)
            ON CONFLICT (instance_id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at, generation = excluded.generation
            WHERE instance_leases.expires_at < $4 OR instance_leases.generation < excluded.generation
            """);
        var now = time.GetUtcNow();
        command.Parameters.Add(new() { Value = instanceId });
        command.Parameters.Add(new() { Value = owner });
        command.Parameters.Add(new() { Value = now + duration });
        command.Parameters.Add(new() { Value = now });
        command.Parameters.Add(new() { Value = generation });
        return await command.ExecuteNonQueryAsync(ct) == 1 ? owner : null;
    }

    public async Task RenewAsync(string instanceId, string owner, TimeSpan duration, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE workflows.instance_leases SET expires_at = $3 WHERE instance_id = $1 AND owner = $2");
        command.Parameters.Add(new() { Value = instanceId });
        command.Parameters.Add(new() { Value = owner });
        command.Parameters.Add(new() { Value = time.GetUtcNow() + duration });
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task ReleaseAsync(string instanceId, string owner, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "DELETE FROM workflows.instance_leases WHERE instance_id = $1 AND owner = $2");
        command.Parameters.Add(new() { Value = instanceId });
        command.Parameters.Add(new() { Value = owner });
        await command.ExecuteNonQueryAsync(ct);
    }
}
