using Npgsql;
using NpgsqlTypes;
using Workflows.Runtime;

namespace Workflows.Storage.History;

/// <summary>
/// The engine's step history and event inboxes in PostgreSQL (tables <c>workflows.steps</c> and <c>workflows.events</c>,
/// created by the EF Core migrations). Plain Npgsql on the hot path: one statement per step outcome.
/// </summary>
public sealed class PostgresHistoryStore(NpgsqlDataSource dataSource) : IHistoryStore
{
    // The advisory-lock class (first key) that serializes event consumption per instance.
    private const int ConsumeLockClass = 0x5746_4576;

    /// <summary>The columns of a step after (instance id, generation), in <see cref="StepRecord"/>'s order.</summary>
    internal const string StepColumns =
        "key, name, occurrence, sequence, kind, status, attempts, started_at, ended_at, result_json, error_name, error_message, wake_at, event_type, cpu_time_ms";

    /// <summary>An upsert's update of every step column from <c>excluded</c>.</summary>
    internal const string StepUpdates = """
        name = excluded.name, occurrence = excluded.occurrence, sequence = excluded.sequence, kind = excluded.kind,
            status = excluded.status, attempts = excluded.attempts, started_at = excluded.started_at, ended_at = excluded.ended_at,
            result_json = excluded.result_json, error_name = excluded.error_name, error_message = excluded.error_message,
            wake_at = excluded.wake_at, event_type = excluded.event_type, cpu_time_ms = excluded.cpu_time_ms
        """;

    private const string UpsertStep = $"""
        INSERT INTO workflows.steps (instance_id, generation, {StepColumns})
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
        ON CONFLICT (instance_id, generation, key) DO UPDATE SET {StepUpdates}
        """;

    private const string SelectSteps = $"SELECT {StepColumns} FROM workflows.steps WHERE instance_id = $1 AND generation = $2 ORDER BY sequence";

    public async Task<IReadOnlyList<StepRecord>> LoadStepsAsync(string instanceId, long generation, CancellationToken ct = default)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(LoadSteps(instanceId, generation));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        return await ReadStepsAsync(reader, ct);
    }

    /// <summary>The read of a generation's steps, for a batch that does more in the same round trip (the Executor's claim).</summary>
    public static NpgsqlBatchCommand LoadSteps(string instanceId, long generation)
    {
        var command = new NpgsqlBatchCommand(SelectSteps);
        command.Parameters.Add(new() { Value = instanceId });
        command.Parameters.Add(new() { Value = generation });
        return command;
    }

    /// <summary>The steps of a <see cref="LoadSteps"/> result, from the reader positioned on it.</summary>
    public static async Task<IReadOnlyList<StepRecord>> ReadStepsAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        var steps = new List<StepRecord>();
        while (await reader.ReadAsync(ct))
            steps.Add(ReadStep(reader));
        return steps;
    }

    public async Task SaveStepAsync(string instanceId, long generation, StepRecord step, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(step);
        await using var command = dataSource.CreateCommand(UpsertStep);
        AddStepParameters(command, instanceId, generation, step);
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<bool> AppendEventAsync(InboxEvent evt, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(evt);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO workflows.events (instance_id, event_id, type, payload_json, timestamp)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (instance_id, event_id) DO NOTHING
            """);
        command.Parameters.Add(new() { Value = evt.InstanceId });
        command.Parameters.Add(new() { Value = evt.EventId });
        command.Parameters.Add(new() { Value = evt.Type });
        command.Parameters.Add(Json(string.IsNullOrWhiteSpace(evt.PayloadJson) ? "null" : evt.PayloadJson));
        command.Parameters.Add(new() { Value = evt.Timestamp.ToUniversalTime() });
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<InboxEvent?> TryConsumeEventAsync(string instanceId, long generation, StepRecord waitingStep, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(waitingStep);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);

        // One consumer per instance at a time: a second run of the same instance that reaches the same wait
        // must get the event the first one took, not take the next one (which would then be lost).
        await using (var serialize = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1, hashtext($2))", connection, tx))
        {
            serialize.Parameters.Add(new() { Value = ConsumeLockClass });
            serialize.Parameters.Add(new() { Value = instanceId });
            await serialize.ExecuteNonQueryAsync(ct);
        }

        await using (var already = new NpgsqlCommand("""
            SELECT event_id, type, payload_json::text, timestamp FROM workflows.events
            WHERE instance_id = $1 AND consumed_generation = $2 AND consumed_by_step = $3
            """, connection, tx))
        {
            already.Parameters.Add(new() { Value = instanceId });
            already.Parameters.Add(new() { Value = generation });
            already.Parameters.Add(new() { Value = waitingStep.Key });
            if (await ReadEventAsync(already, instanceId, ct) is { } taken)
                return taken;
        }

        InboxEvent? evt;
        await using (var take = new NpgsqlCommand("""
            UPDATE workflows.events SET consumed_generation = $3, consumed_by_step = $4
            WHERE sequence = (
                SELECT sequence FROM workflows.events
                WHERE instance_id = $1 AND type = $2 AND consumed_by_step IS NULL
                ORDER BY sequence LIMIT 1)
            RETURNING event_id, type, payload_json::text, timestamp
            """, connection, tx))
        {
            take.Parameters.Add(new() { Value = instanceId });
            take.Parameters.Add(new() { Value = waitingStep.EventType ?? "" });
            take.Parameters.Add(new() { Value = generation });
            take.Parameters.Add(new() { Value = waitingStep.Key });
            evt = await ReadEventAsync(take, instanceId, ct);
        }
        if (evt is null)
            return null;

        await using (var save = new NpgsqlCommand(UpsertStep, connection, tx))
        {
            AddStepParameters(save, instanceId, generation, waitingStep with
            {
                Status = StepStatus.Complete,
                EndedAt = now,
                ResultJson = evt.ToResultJson(),
            });
            await save.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return evt;
    }

    public async Task<int> CopyStepsBeforeAsync(string instanceId, long fromGeneration, long toGeneration, string fromStepKey, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        int? fromSequence;
        await using (var find = new NpgsqlCommand(
            "SELECT sequence FROM workflows.steps WHERE instance_id = $1 AND generation = $2 AND key = $3", connection, tx))
        {
            find.Parameters.Add(new() { Value = instanceId });
            find.Parameters.Add(new() { Value = fromGeneration });
            find.Parameters.Add(new() { Value = fromStepKey });
            fromSequence = (int?)await find.ExecuteScalarAsync(ct);
        }
        if (fromSequence is null)
            throw new KeyNotFoundException($"Instance '{instanceId}' generation {fromGeneration} has no step '{fromStepKey}'.");

        await using var copy = new NpgsqlCommand($"""
            INSERT INTO workflows.steps (instance_id, generation, {StepColumns})
            SELECT instance_id, $3, {StepColumns} FROM workflows.steps
            WHERE instance_id = $1 AND generation = $2 AND sequence < $4
            ON CONFLICT DO NOTHING
            """, connection, tx);
        copy.Parameters.Add(new() { Value = instanceId });
        copy.Parameters.Add(new() { Value = fromGeneration });
        copy.Parameters.Add(new() { Value = toGeneration });
        copy.Parameters.Add(new() { Value = fromSequence.Value });
        var copied = await copy.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        return copied;
    }

    private static void AddStepParameters(NpgsqlCommand command, string instanceId, long generation, StepRecord s)
    {
        command.Parameters.Add(new() { Value = instanceId });
        command.Parameters.Add(new() { Value = generation });
        command.Parameters.Add(new() { Value = s.Key });
        command.Parameters.Add(new() { Value = s.Name });
        command.Parameters.Add(new() { Value = s.Occurrence });
        command.Parameters.Add(new() { Value = s.Sequence });
        command.Parameters.Add(new() { Value = s.Kind.ToString() });
        command.Parameters.Add(new() { Value = s.Status.ToString() });
        command.Parameters.Add(new() { Value = s.Attempts });
        command.Parameters.Add(Timestamp(s.StartedAt));
        command.Parameters.Add(Timestamp(s.EndedAt));
        command.Parameters.Add(Json(s.ResultJson));
        command.Parameters.Add(Text(s.ErrorName));
        command.Parameters.Add(Text(s.ErrorMessage));
        command.Parameters.Add(Timestamp(s.WakeAt));
        command.Parameters.Add(Text(s.EventType));
        command.Parameters.Add(new() { NpgsqlDbType = NpgsqlDbType.Double, Value = s.CpuTime is { } cpu ? cpu.TotalMilliseconds : DBNull.Value });
    }

    private static async Task<InboxEvent?> ReadEventAsync(NpgsqlCommand command, string instanceId, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new InboxEvent(instanceId, reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? "null" : reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3))
            : null;
    }

    private static StepRecord ReadStep(NpgsqlDataReader r) => new()
    {
        Key = r.GetString(0),
        Name = r.GetString(1),
        Occurrence = r.GetInt32(2),
        Sequence = r.GetInt32(3),
        Kind = Enum.Parse<StepKind>(r.GetString(4)),
        Status = Enum.Parse<StepStatus>(r.GetString(5)),
        Attempts = r.GetInt32(6),
        StartedAt = r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7),
        EndedAt = r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8),
        ResultJson = r.IsDBNull(9) ? null : r.GetString(9),
        ErrorName = r.IsDBNull(10) ? null : r.GetString(10),
        ErrorMessage = r.IsDBNull(11) ? null : r.GetString(11),
        WakeAt = r.IsDBNull(12) ? null : r.GetFieldValue<DateTimeOffset>(12),
        EventType = r.IsDBNull(13) ? null : r.GetString(13),
        CpuTime = r.IsDBNull(14) ? null : TimeSpan.FromMilliseconds(r.GetDouble(14)),
    };

    private static NpgsqlParameter Json(string? json) =>
        new() { NpgsqlDbType = NpgsqlDbType.Json, Value = (object?)json ?? DBNull.Value };

    private static NpgsqlParameter Text(string? text) =>
        new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)text ?? DBNull.Value };

    private static NpgsqlParameter Timestamp(DateTimeOffset? at) =>
        new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = at is { } v ? v.ToUniversalTime() : DBNull.Value };
}
