using Npgsql;

namespace Workflows.Benchmarks.Stack;

/// <summary>
/// What PostgreSQL did for one database: commits (<c>pg_stat_database.xact_commit</c>) and, where the server loads
/// <c>pg_stat_statements</c> (<c>shared_preload_libraries</c>; see docs/benchmarks.md for a private cluster that does),
/// statements executed and their calls and time per statement text.
/// </summary>
internal sealed record DatabaseCounters(long Commits, IReadOnlyDictionary<string, (long Calls, double Milliseconds)>? Statements)
{
    public static async Task<DatabaseCounters> ReadAsync(NpgsqlDataSource database, CancellationToken ct)
    {
        // The statistics collector publishes a backend's counts when it goes idle, at most once a second.
        await using (var flush = database.CreateCommand("SELECT pg_stat_clear_snapshot()"))
            await flush.ExecuteNonQueryAsync(ct);
        await using var commits = database.CreateCommand("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()");
        var count = (long)(await commits.ExecuteScalarAsync(ct))!;
        return new DatabaseCounters(count, await StatementsAsync(database, ct));
    }

    /// <summary>Calls and execution time per statement since <paramref name="before"/>, most time first.</summary>
    public IReadOnlyList<(string Query, long Calls, double Milliseconds)> StatementsSince(DatabaseCounters before) =>
        Statements is null || before.Statements is null
            ? []
            : [.. Statements.Select(s => (s.Key, s.Value.Calls - before.Statements.GetValueOrDefault(s.Key).Calls,
                    s.Value.Milliseconds - before.Statements.GetValueOrDefault(s.Key).Milliseconds))
                .Where(s => s.Item2 > 0).OrderByDescending(s => s.Item3)];

    private static async Task<Dictionary<string, (long, double)>?> StatementsAsync(NpgsqlDataSource database, CancellationToken ct)
    {
        try
        {
            await using (var create = database.CreateCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements"))
                await create.ExecuteNonQueryAsync(ct);
            await using var command = database.CreateCommand("""
                SELECT query, sum(calls)::bigint, sum(total_exec_time) FROM pg_stat_statements
                WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) GROUP BY query
                """);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var statements = new Dictionary<string, (long, double)>();
            while (await reader.ReadAsync(ct))
                statements[reader.GetString(0)] = (reader.GetInt64(1), reader.GetDouble(2));
            return statements;
        }
        catch (PostgresException)
        {
            return null; // not loaded on this server (or not ours to create): the commits still tell the story
        }
    }
}
