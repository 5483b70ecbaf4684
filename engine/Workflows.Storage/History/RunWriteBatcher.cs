using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Workflows.Runtime;
using Workflows.Storage.EventLog;

namespace Workflows.Storage.History;

/// <summary>
/// Group commit for the Executor's writes on PostgreSQL: the step outcomes, stream events and lease releases of every
/// run in the process go to PostgreSQL together, one implicit transaction (one round trip, one commit) per batch of
/// whatever queued while the previous batch was being written. A step outcome's (or release's) task completes only after
/// the commit that holds it, so no step is acknowledged before it is durable. Events are queued, not awaited: the queue
/// is first in, first out, so an event queued before an outcome is committed with it or before it, and
/// <see cref="FlushAsync"/> waits for everything queued so far (a run's events, before its outcome is reported).
/// </summary>
public sealed class RunWriteBatcher : IAsyncDisposable
{
    // Enough to amortize a commit over every run of a busy Executor (64 at once by default), small enough for one round trip.
    private const int MaxBatch = 1024;

    // A batch that lost the race for an instance's event sequence (the saga appended at the same moment) is numbered again.
    private const int MaxRaceRetries = 20;

    private readonly Channel<Write> queue = Channel.CreateUnbounded<Write>(new UnboundedChannelOptions { SingleReader = true });
    private readonly NpgsqlDataSource dataSource;
    private readonly ILogger<RunWriteBatcher> logger;
    private readonly Task writer;

    public RunWriteBatcher(NpgsqlDataSource dataSource, ILogger<RunWriteBatcher> logger)
    {
        this.dataSource = dataSource;
        this.logger = logger;
        writer = Task.Run(WriteAllAsync);
    }

    /// <summary>Upserts one step record; completes after the commit that holds it (faults if that batch failed).</summary>
    public Task SaveStepAsync(string instanceId, long generation, StepRecord step)
    {
        var write = new StepWrite(instanceId, generation, step);
        Enqueue(write);
        return write.Committed.Task;
    }

    /// <summary>Queues a row of an instance's event log (numbered when written).</summary>
    public void Append(InstanceEventRow row) => Enqueue(new EventWrite(row));

    /// <summary>Releases a run's lease; completes after the commit that holds it.</summary>
    public Task ReleaseLeaseAsync(string instanceId, string owner)
    {
        var write = new LeaseRelease(instanceId, owner);
        Enqueue(write);
        return write.Committed.Task;
    }

    /// <summary>Completes once everything queued before it is committed (or its batch failed: that is logged).</summary>
    public Task FlushAsync()
    {
        var write = new Flush();
        Enqueue(write);
        return write.Committed.Task;
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await writer.ConfigureAwait(false);
    }

    private void Enqueue(Write write)
    {
        if (!queue.Writer.TryWrite(write))
            throw new ObjectDisposedException(nameof(RunWriteBatcher), "The Executor is shutting down; nothing more is written.");
    }

    private async Task WriteAllAsync()
    {
        var batch = new List<Write>();
        while (await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var write))
                batch.Add(write);
            try
            {
                await WriteAsync(batch).ConfigureAwait(false);
                foreach (var write in batch)
                    write.Committed.TrySetResult();
            }
            catch (Exception e)
            {
                // The runs whose outcomes were in it fail as a single write would have (their message is retried and the
                // replay repeats nothing persisted); lost events and releases only thin the stream or wait for expiry.
                logger.LogWarning(e, "A batch of {Count} run writes failed", batch.Count);
                foreach (var write in batch)
                {
                    if (write is Flush)
                        write.Committed.TrySetResult();
                    else
                        write.Committed.TrySetException(e);
                }
            }
        }
    }

    private async Task WriteAsync(IReadOnlyList<Write> writes)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var batch = dataSource.CreateBatch();
            AddSteps(batch, writes.OfType<StepWrite>());
            AddEvents(batch, writes.OfType<EventWrite>().Select(w => w.Row));
            AddReleases(batch, writes.OfType<LeaseRelease>());
            if (batch.BatchCommands.Count == 0)
                return;
            try
            {
                // One round trip: the commands of an NpgsqlBatch run in one implicit transaction.
                await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
                return;
            }
            catch (PostgresException e) when (attempt < MaxRaceRetries && DatabaseErrors.IsUniqueViolation(e))
            {
                // Another writer took one of the instances' next sequences: number again from what is committed now.
            }
        }
    }

    private static void AddSteps(NpgsqlBatch batch, IEnumerable<StepWrite> writes)
    {
        // One row per (instance, generation, key), the last queued: an upsert cannot touch one row twice.
        var steps = writes.GroupBy(w => (w.InstanceId, w.Generation, w.Step.Key)).Select(g => g.Last()).ToList();
        if (steps.Count == 0)
            return;
        var command = new NpgsqlBatchCommand($"""
            INSERT INTO workflows.steps (instance_id, generation, {PostgresHistoryStore.StepColumns})
            SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::int[], $6::int[], $7::text[], $8::text[],
                $9::int[], $10::timestamptz[], $11::timestamptz[], $12::json[], $13::text[], $14::text[], $15::timestamptz[],
                $16::text[], $17::float8[])
            ON CONFLICT (instance_id, generation, key) DO UPDATE SET {PostgresHistoryStore.StepUpdates}
            """);
        Column(command, steps, NpgsqlDbType.Text, w => w.InstanceId);
        Column(command, steps, NpgsqlDbType.Bigint, w => w.Generation);
        Column(command, steps, NpgsqlDbType.Text, w => w.Step.Key);
        Column(command, steps, NpgsqlDbType.Text, w => w.Step.Name);
        Column(command, steps, NpgsqlDbType.Integer, w => w.Step.Occurrence);
        Column(command, steps, NpgsqlDbType.Integer, w => w.Step.Sequence);
        Column(command, steps, NpgsqlDbType.Text, w => w.Step.Kind.ToString());
        Column(command, steps, NpgsqlDbType.Text, w => w.Step.Status.ToString());
        Column(command, steps, NpgsqlDbType.Integer, w => w.Step.Attempts);
        Column(command, steps, NpgsqlDbType.TimestampTz, w => Utc(w.Step.StartedAt));
        Column(command, steps, NpgsqlDbType.TimestampTz, w => Utc(w.Step.EndedAt));
        Column(command, steps, NpgsqlDbType.Json, w => w.Step.ResultJson);
        Column(command, steps, NpgsqlDbType.Text, w => w.Step.ErrorName);
        Column(command, steps, NpgsqlDbType.Text, w => w.Step.ErrorMessage);
        Column(command, steps, NpgsqlDbType.TimestampTz, w => Utc(w.Step.WakeAt));
        Column(command, steps, NpgsqlDbType.Text, w => w.Step.EventType);
        Column(command, steps, NpgsqlDbType.Double, w => w.Step.CpuTime?.TotalMilliseconds);
        batch.BatchCommands.Add(command);
    }

    private static void AddEvents(NpgsqlBatch batch, IEnumerable<InstanceEventRow> events)
    {
        var rows = events.ToList();
        if (rows.Count == 0)
            return;
        // Each instance's rows take the sequences after its highest committed one, in queue order (the offset). The
        // unique (instance id, sequence) key turns a concurrent writer of the same instance into a retry of the batch.
        var offsets = new Dictionary<string, long>(StringComparer.Ordinal);
        var offset = rows.Select(r => offsets[r.InstanceId] = offsets.GetValueOrDefault(r.InstanceId) + 1).ToList();
        var command = new NpgsqlBatchCommand("""
            INSERT INTO workflows.instance_events (instance_id, sequence, type, timestamp, step, attempt, status, data_json,
                message_type, message_json, message_id, activity_id, relay_pending)
            SELECT v.instance_id,
                coalesce((SELECT max(e.sequence) FROM workflows.instance_events e WHERE e.instance_id = v.instance_id), 0) + v.offset,
                v.type, v.timestamp, v.step, v.attempt, v.status, v.data_json, v.message_type, v.message_json, v.message_id,
                v.activity_id, v.relay_pending
            FROM unnest($1::text[], $2::bigint[], $3::text[], $4::timestamptz[], $5::text[], $6::int[], $7::text[], $8::json[],
                $9::text[], $10::json[], $11::uuid[], $12::text[], $13::bool[])
                AS v(instance_id, "offset", type, timestamp, step, attempt, status, data_json, message_type, message_json,
                     message_id, activity_id, relay_pending)
            """);
        Column(command, rows, NpgsqlDbType.Text, r => r.InstanceId);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = offset.ToArray() });
        Column(command, rows, NpgsqlDbType.Text, r => r.Type);
        Column(command, rows, NpgsqlDbType.TimestampTz, r => r.Timestamp.UtcDateTime);
        Column(command, rows, NpgsqlDbType.Text, r => r.Step);
        Column(command, rows, NpgsqlDbType.Integer, r => r.Attempt);
        Column(command, rows, NpgsqlDbType.Text, r => r.Status);
        Column(command, rows, NpgsqlDbType.Json, r => r.DataJson);
        Column(command, rows, NpgsqlDbType.Text, r => r.MessageType);
        Column(command, rows, NpgsqlDbType.Json, r => r.MessageJson);
        Column(command, rows, NpgsqlDbType.Uuid, r => r.MessageId);
        Column(command, rows, NpgsqlDbType.Text, r => r.ActivityId);
        Column(command, rows, NpgsqlDbType.Boolean, r => r.RelayPending);
        batch.BatchCommands.Add(command);
    }

    private static void AddReleases(NpgsqlBatch batch, IEnumerable<LeaseRelease> releases)
    {
        var leases = releases.ToList();
        if (leases.Count == 0)
            return;
        var command = new NpgsqlBatchCommand("""
            DELETE FROM workflows.instance_leases l USING unnest($1::text[], $2::text[]) AS v(instance_id, owner)
            WHERE l.instance_id = v.instance_id AND l.owner = v.owner
            """);
        Column(command, leases, NpgsqlDbType.Text, r => r.InstanceId);
        Column(command, leases, NpgsqlDbType.Text, r => r.Owner);
        batch.BatchCommands.Add(command);
    }

    // One array parameter per column (a null element is SQL NULL), unnested into rows by the statement.
    private static void Column<TRow, TValue>(NpgsqlBatchCommand command, IReadOnlyList<TRow> rows, NpgsqlDbType type, Func<TRow, TValue> value) =>
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | type, Value = rows.Select(value).ToArray() });

    private static DateTime? Utc(DateTimeOffset? at) => at?.UtcDateTime;

    private abstract record Write
    {
        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record StepWrite(string InstanceId, long Generation, StepRecord Step) : Write;

    private sealed record EventWrite(InstanceEventRow Row) : Write;

    private sealed record LeaseRelease(string InstanceId, string Owner) : Write;

    private sealed record Flush : Write;
}
