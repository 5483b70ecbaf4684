using Npgsql;
using Workflows.Storage;
using Workflows.Storage.History;

namespace Workflows.Executor.Claims;

/// <summary>
/// The leases on PostgreSQL: an upsert takes a free, expired or older-generation lease; a release is committed by the
/// <see cref="RunWriteBatcher"/> with the other runs' writes (a release that is lost in a crash expires). A run's claim
/// is one round trip: the upsert, conditional on the instance's state, and the history read, in one batch.
/// </summary>
public sealed class PostgresInstanceLeases(NpgsqlDataSource dataSource, RunWriteBatcher batcher, TimeProvider time) : IInstanceLeases, IRunClaims
{
    // $1 instance id, $2 owner, $3 expiry, $4 now, $5 generation: taken when free, expired, or held for an older generation.
    private const string TakeLease = """
        ON CONFLICT (instance_id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at, generation = excluded.generation
        WHERE instance_leases.expires_at < $4 OR instance_leases.generation < excluded.generation
        """;

    public async Task<string?> TryAcquireAsync(string instanceId, long generation, TimeSpan duration, CancellationToken ct)
    {
        var owner = IInstanceLeases.NewOwner();
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO workflows.instance_leases (instance_id, owner, expires_at, generation) VALUES ($1, $2, $3, $5)
            {TakeLease}
            """);
        AddLeaseParameters(command.Parameters, instanceId, owner, generation, duration);
        return await command.ExecuteNonQueryAsync(ct) == 1 ? owner : null;
    }

    public async Task<RunClaim?> TryClaimAsync(string instanceId, long generation, TimeSpan leaseDuration, CancellationToken ct)
    {
        var owner = IInstanceLeases.NewOwner();
        await using var batch = dataSource.CreateBatch();
        // Only a current delivery takes the lease: the instance is at this generation and running (or pausing).
        var claim = new NpgsqlBatchCommand($"""
            WITH current AS (
                SELECT current_state FROM workflows.instances
                WHERE instance_id = $1 AND generation = $5 AND current_state IN ('{InstanceStates.Running}', '{InstanceStates.WaitingForPause}'))
            INSERT INTO workflows.instance_leases (instance_id, owner, expires_at, generation) SELECT $1, $2, $3, $5 FROM current
            {TakeLease}
            RETURNING (SELECT current_state FROM current)
            """);
        AddLeaseParameters(claim.Parameters, instanceId, owner, generation, leaseDuration);
        batch.BatchCommands.Add(claim);
        batch.BatchCommands.Add(PostgresHistoryStore.LoadSteps(instanceId, generation));

        await using var reader = await batch.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
            return null;
        var state = reader.GetString(0);
        await reader.NextResultAsync(ct);
        return new RunClaim(owner, state, await PostgresHistoryStore.ReadStepsAsync(reader, ct));
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

    private void AddLeaseParameters(NpgsqlParameterCollection parameters, string instanceId, string owner, long generation, TimeSpan duration)
    {
        var now = time.GetUtcNow();
        parameters.Add(new() { Value = instanceId });
        parameters.Add(new() { Value = owner });
        parameters.Add(new() { Value = now + duration });
        parameters.Add(new() { Value = now });
        parameters.Add(new() { Value = generation });
    }

    public Task ReleaseAsync(string instanceId, string owner, CancellationToken ct) =>
        batcher.ReleaseLeaseAsync(instanceId, owner).WaitAsync(ct);
}
