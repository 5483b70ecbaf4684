using Microsoft.Extensions.Logging;
using Npgsql;

namespace Workflows.Samples;

/// <summary>
/// The "external system" the <c>order</c> workflow's steps write to, one row per execution of a step body. A step that
/// ran twice leaves two rows, so a test can count what ran again after a crash. On PostgreSQL (when the process has
/// an <see cref="NpgsqlDataSource"/>) the rows go to the table <c>sample_side_effects</c>, created on first use;
/// otherwise (the DevHost on SQLite) each execution is a log line.
/// </summary>
public sealed partial class SideEffectLedger
{
    /// <summary>The table the rows go to: <c>seq</c> (insertion order), <c>instance_id</c>, <c>step</c>, <c>attempt</c>, <c>execution</c>.</summary>
    public const string Table = "sample_side_effects";

    private readonly NpgsqlDataSource? dataSource;
    private readonly ILogger<SideEffectLedger> logger;
    private readonly SemaphoreSlim creating = new(1, 1);
    private volatile bool created;

    /// <summary>Creates the ledger; without a data source it only logs.</summary>
    /// <param name="logger">Where executions are logged.</param>
    /// <param name="dataSource">The database of the table, when there is one.</param>
    public SideEffectLedger(ILogger<SideEffectLedger> logger, NpgsqlDataSource? dataSource = null)
    {
        this.logger = logger;
        this.dataSource = dataSource;
    }

    /// <summary>Records one execution of a step body and returns its id (the step returns it, so its persisted result names the execution that counted).</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="step">The step's name.</param>
    /// <param name="attempt">The attempt number the engine gave this execution.</param>
    /// <param name="ct">Cancelled on the step's timeout or on terminate.</param>
    /// <returns>The new execution's id.</returns>
    public async Task<Guid> RecordAsync(string instanceId, string step, int attempt, CancellationToken ct)
    {
        var execution = Guid.NewGuid();
        StepExecuted(logger, step, attempt, instanceId, execution);
        if (dataSource is null)
            return execution;

        await EnsureTableAsync(ct);
        await using var insert = dataSource.CreateCommand(
            $"INSERT INTO {Table} (instance_id, step, attempt, execution) VALUES ($1, $2, $3, $4)");
        insert.Parameters.Add(new() { Value = instanceId });
        insert.Parameters.Add(new() { Value = step });
        insert.Parameters.Add(new() { Value = attempt });
        insert.Parameters.Add(new() { Value = execution });
        await insert.ExecuteNonQueryAsync(ct);
        return execution;
    }

    private async Task EnsureTableAsync(CancellationToken ct)
    {
        if (created) return;
        await creating.WaitAsync(ct);
        try
        {
            if (created) return;
            await using var create = dataSource!.CreateCommand(
                $"""
                CREATE TABLE IF NOT EXISTS {Table} (
                    seq bigserial PRIMARY KEY,
                    instance_id text NOT NULL,
                    step text NOT NULL,
                    attempt int NOT NULL,
                    execution uuid NOT NULL,
                    recorded_at timestamptz NOT NULL DEFAULT clock_timestamp())
                """);
            await create.ExecuteNonQueryAsync(ct);
            created = true;
        }
        finally
        {
            creating.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "order step {Step} attempt {Attempt} of {InstanceId} executed as {Execution}")]
    private static partial void StepExecuted(ILogger logger, string step, int attempt, string instanceId, Guid execution);
}
