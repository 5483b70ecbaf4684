using Npgsql;
using Workflows.Storage.History;

namespace Workflows.Executor;

/// <summary>
/// The leases on PostgreSQL: an upsert takes a free, expired or older-generation lease; a release is committed by the
/// <see cref="RunWriteBatcher"/> with the other runs' writes (a release that is lost in a crash expires).
/// </summary>
public sealed class PostgresInstanceLeases(NpgsqlDataSource dataSource, RunWriteBatcher batcher, TimeProvider time) : IInstanceLeases
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

    public Task ReleaseAsync(string instanceId, string owner, CancellationToken ct) =>
        batcher.ReleaseLeaseAsync(instanceId, owner).WaitAsync(ct);
}
