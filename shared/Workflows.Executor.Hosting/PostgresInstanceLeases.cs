using Npgsql;

namespace Workflows.Executor.Hosting;

/// <summary>
/// The leases on PostgreSQL, one statement each: the lease row is taken with an upsert that succeeds only when the row
/// is free, expired, or already ours.
/// </summary>
public sealed class PostgresInstanceLeases(NpgsqlDataSource dataSource, TimeProvider time) : IInstanceLeases
{
    public string Owner { get; } = IInstanceLeases.NewOwner();

    public async Task<bool> TryAcquireAsync(string instanceId, TimeSpan duration, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO workflows.instance_leases (instance_id, owner, expires_at) VALUES ($1, $2, $3)
            ON CONFLICT (instance_id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
            WHERE instance_leases.expires_at < $4 OR instance_leases.owner = excluded.owner
            """);
        var now = time.GetUtcNow();
        command.Parameters.Add(new() { Value = instanceId });
        command.Parameters.Add(new() { Value = Owner });
        command.Parameters.Add(new() { Value = now + duration });
        command.Parameters.Add(new() { Value = now });
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task RenewAsync(string instanceId, TimeSpan duration, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE workflows.instance_leases SET expires_at = $3 WHERE instance_id = $1 AND owner = $2");
        command.Parameters.Add(new() { Value = instanceId });
        command.Parameters.Add(new() { Value = Owner });
        command.Parameters.Add(new() { Value = time.GetUtcNow() + duration });
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task ReleaseAsync(string instanceId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "DELETE FROM workflows.instance_leases WHERE instance_id = $1 AND owner = $2");
        command.Parameters.Add(new() { Value = instanceId });
        command.Parameters.Add(new() { Value = Owner });
        await command.ExecuteNonQueryAsync(ct);
    }
}
