using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Workflows.Runtime;
using Workflows.Storage.Tests.History;
using Workflows.Testing;

namespace Workflows.Storage.Tests;

/// <summary>
/// The retry classification on errors real PostgreSQL and SQLite raise: what a retry can cure is transient, what the
/// database will refuse again (the data, a constraint, a missing table) is permanent, however EF Core wrapped it.
/// </summary>
public sealed class DatabaseErrorsTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task A_nul_character_in_a_workflow_name_is_a_permanent_error()
    {
        var error = await FailureOf(() => InsertInstanceAsync(workflow: "bad\0name", paramsJson: "{}"));

        AssertPermanent(PostgresErrorCodes.CharacterNotInRepertoire, error);
        Assert.IsType<DbUpdateException>(error);
    }

    [Fact]
    public async Task Params_that_are_not_json_are_a_permanent_error()
    {
        var error = await FailureOf(() => InsertInstanceAsync(workflow: "echo", paramsJson: "not json"));

        AssertPermanent(PostgresErrorCodes.InvalidTextRepresentation, error);
    }

    [Fact]
    public async Task A_duplicate_instance_id_is_a_permanent_error()
    {
        var id = $"dup-{Guid.NewGuid():N}";
        await InsertInstanceAsync("echo", "{}", id);

        var error = await FailureOf(() => InsertInstanceAsync("echo", "{}", id));

        AssertPermanent(PostgresErrorCodes.UniqueViolation, error);
    }

    [Fact]
    public async Task A_foreign_key_violation_is_a_permanent_error()
    {
        var error = await FailureOf(() => ExecuteAsync("""
            CREATE TEMP TABLE parent (id int PRIMARY KEY);
            CREATE TEMP TABLE child (parent_id int REFERENCES parent (id));
            INSERT INTO child VALUES (1);
            """));

        AssertPermanent(PostgresErrorCodes.ForeignKeyViolation, error);
    }

    [Fact]
    public async Task A_missing_table_is_a_permanent_error()
    {
        var error = await FailureOf(() => ExecuteAsync("SELECT * FROM no_such_table"));

        AssertPermanent(PostgresErrorCodes.UndefinedTable, error);
    }

    [Fact]
    public async Task A_database_nobody_listens_for_is_a_transient_error()
    {
        await using var nowhere = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={ServiceProcess.FreePort()};Database=x;Username=x;Password=x;Timeout=2");

        var error = await FailureOf(async () =>
        {
            await using var connection = await nowhere.OpenConnectionAsync();
        });

        Assert.IsNotType<PostgresException>(error);
        Assert.True(DatabaseErrors.IsTransient(error), Describe(error));
    }

    [Fact]
    public async Task A_connection_the_server_terminated_is_a_transient_error()
    {
        await using var victim = await database.DataSource.OpenConnectionAsync();
        await using (var pid = new NpgsqlCommand("SELECT pg_backend_pid()", victim))
            await ExecuteAsync($"SELECT pg_terminate_backend({await pid.ExecuteScalarAsync()})");

        var error = await FailureOf(async () =>
        {
            await using var next = new NpgsqlCommand("SELECT 1", victim);
            await next.ExecuteScalarAsync();
        });

        Assert.True(DatabaseErrors.IsTransient(error), Describe(error));
    }

    [Fact]
    public async Task A_row_locked_by_another_transaction_is_a_transient_error()
    {
        await ExecuteAsync("CREATE TABLE IF NOT EXISTS lock_probe (id int PRIMARY KEY); INSERT INTO lock_probe VALUES (1) ON CONFLICT DO NOTHING");
        await using var holder = await database.DataSource.OpenConnectionAsync();
        await using var tx = await holder.BeginTransactionAsync();
        await using (var hold = new NpgsqlCommand("SELECT * FROM lock_probe WHERE id = 1 FOR UPDATE", holder, tx))
            await hold.ExecuteNonQueryAsync();

        var error = await FailureOf(() => ExecuteAsync("SELECT * FROM lock_probe WHERE id = 1 FOR UPDATE NOWAIT"));

        AssertTransient(PostgresErrorCodes.LockNotAvailable, error);
    }

    [Fact]
    public async Task A_deadlock_is_a_transient_error()
    {
        await ExecuteAsync("CREATE TABLE IF NOT EXISTS deadlock_probe (id int PRIMARY KEY); INSERT INTO deadlock_probe VALUES (1), (2) ON CONFLICT DO NOTHING");
        await using var first = await database.DataSource.OpenConnectionAsync();
        await using var second = await database.DataSource.OpenConnectionAsync();
        await using var firstTx = await first.BeginTransactionAsync();
        await using var secondTx = await second.BeginTransactionAsync();
        await LockRowAsync(first, firstTx, 1);
        await LockRowAsync(second, secondTx, 2);

        // Each waits for the row the other holds: PostgreSQL breaks the cycle by failing one of them.
        var crossed = await Task.WhenAll(FailureOrNull(() => LockRowAsync(first, firstTx, 2)), FailureOrNull(() => LockRowAsync(second, secondTx, 1)));

        AssertTransient(PostgresErrorCodes.DeadlockDetected, Assert.Single(crossed, e => e is not null)!);
    }

    [Fact]
    public async Task A_statement_timeout_is_a_transient_error()
    {
        var error = await FailureOf(() => ExecuteAsync("SET statement_timeout = 50; SELECT pg_sleep(2)"));

        AssertTransient(PostgresErrorCodes.QueryCanceled, error);
    }

    [Fact]
    public async Task A_sqlite_file_busy_with_another_writer_is_transient_and_a_sqlite_constraint_is_permanent()
    {
        var file = Path.Combine(Path.GetTempPath(), $"workflows-errors-{Guid.NewGuid():N}.db");
        try
        {
            await using var writer = new SqliteConnection($"Data Source={file};Pooling=False");
            await writer.OpenAsync();
            await SqliteAsync(writer, "CREATE TABLE t (id INTEGER PRIMARY KEY); INSERT INTO t VALUES (1);");
            await using var tx = (SqliteTransaction)await writer.BeginTransactionAsync();
            await SqliteAsync(writer, "INSERT INTO t VALUES (2);", tx);
            await using var other = new SqliteConnection($"Data Source={file};Pooling=False;Default Timeout=1");
            await other.OpenAsync();

            var busy = await FailureOf(() => SqliteAsync(other, "INSERT INTO t VALUES (3);"));
            var duplicate = await FailureOf(() => SqliteAsync(writer, "INSERT INTO t VALUES (1);", tx));

            Assert.True(DatabaseErrors.IsTransient(busy), Describe(busy));
            Assert.False(DatabaseErrors.IsTransient(duplicate), Describe(duplicate));
            Assert.True(DatabaseErrors.IsUniqueViolation(duplicate), Describe(duplicate));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("08006", true)]
    [InlineData("53300", true)]
    [InlineData("57P03", true)]
    [InlineData("40001", true)]
    [InlineData("22001", false)]
    [InlineData("23514", false)]
    [InlineData("42703", false)]
    [InlineData("XX000", false)]
    public void Sql_states_are_classified_by_what_a_retry_can_change(string sqlState, bool transient) =>
        Assert.Equal(transient, DatabaseErrors.IsTransientSqlState(sqlState));

    private async Task InsertInstanceAsync(string workflow, string paramsJson, string? id = null)
    {
        id ??= $"err-{Guid.NewGuid():N}";
        var options = StorageExtensions.Configure(new DbContextOptionsBuilder<WorkflowsDbContext>(), database.DataSource).Options;
        await using var db = new WorkflowsDbContext((DbContextOptions<WorkflowsDbContext>)options);
        db.Instances.Add(new WorkflowInstance
        {
            CorrelationId = InstanceIds.Correlation(id),
            InstanceId = id,
            Workflow = workflow,
            CurrentState = InstanceStates.Running,
            ParamsJson = paramsJson,
            CreatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task LockRowAsync(NpgsqlConnection connection, NpgsqlTransaction tx, int id)
    {
        await using var command = new NpgsqlCommand($"SELECT * FROM deadlock_probe WHERE id = {id} FOR UPDATE", connection, tx);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task SqliteAsync(SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<Exception> FailureOf(Func<Task> action) =>
        await FailureOrNull(action) ?? throw new Xunit.Sdk.XunitException("the database accepted what the test expected it to refuse");

    private static async Task<Exception?> FailureOrNull(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception e) when (e is DbException or DbUpdateException)
        {
            return e;
        }
    }

    private static void AssertPermanent(string sqlState, Exception error)
    {
        Assert.Equal(sqlState, SqlStateOf(error));
        Assert.False(DatabaseErrors.IsTransient(error), Describe(error));
    }

    private static void AssertTransient(string sqlState, Exception error)
    {
        Assert.Equal(sqlState, SqlStateOf(error));
        Assert.True(DatabaseErrors.IsTransient(error), Describe(error));
    }

    private static string? SqlStateOf(Exception? error) => error switch
    {
        null => null,
        PostgresException p => p.SqlState,
        _ => SqlStateOf(error.InnerException),
    };

    private static string Describe(Exception error) => $"{error.GetType().Name}: {error.Message} (inner: {error.InnerException?.GetType().Name}: {error.InnerException?.Message})";
}
