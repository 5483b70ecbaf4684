using Microsoft.Data.Sqlite;
using Npgsql;

namespace Workflows.Storage;

/// <summary>Provider-neutral names for the database errors the engine reacts to (PostgreSQL and SQLite).</summary>
public static class DatabaseErrors
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>A unique key was violated: PostgreSQL 23505, SQLite's primary-key or unique constraint; inner exceptions included.</summary>
    public static bool IsUniqueViolation(Exception exception) => exception switch
    {
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } => true,
        SqliteException { SqliteErrorCode: SqliteConstraint, SqliteExtendedErrorCode: SqliteConstraintPrimaryKey or SqliteConstraintUnique } => true,
        { InnerException: { } inner } => IsUniqueViolation(inner),
        _ => false,
    };

    /// <summary>
    /// The database could not do the work now but may a moment later, however EF Core or a caller wrapped the error:
    /// it is unreachable, restarting or short of resources, the connection broke or timed out, or the statement lost a
    /// race (deadlock, serialization failure, lock not available, SQLite busy). Everything else it refused (data it cannot
    /// store, a constraint, a missing table) is permanent: a retry gets the same answer, so retrying only holds a slot.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        PostgresException postgres => IsTransientSqlState(postgres.SqlState),
        // Raised by Npgsql, not by the server: a connection that failed, broke or timed out (I/O, socket, timeout inside).
        NpgsqlException { IsTransient: true } => true,
        SqliteException sqlite => sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked,
        { InnerException: { } inner } => IsTransient(inner),
        _ => false,
    };

    /// <summary>
    /// PostgreSQL's codes for "not now": class 08 (connection), 28 (authorization: credentials being rotated fail every
    /// message alike), 53 (insufficient resources), 58 (system or I/O error); 40001 serialization failure, 40P01 deadlock,
    /// 55P03 lock not available, 57014 statement cancelled (a timeout), 57P01/57P02/57P03/57P05 shutdown, cannot connect
    /// now, idle session ended. Classes 22 (data), 23 (constraints), 42 (syntax, undefined objects) and the rest are permanent.
    /// </summary>
    public static bool IsTransientSqlState(string sqlState)
    {
        ArgumentNullException.ThrowIfNull(sqlState);
        return sqlState.Length == 5 && (sqlState[..2] is "08" or "28" or "53" or "58"
            || sqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.LockNotAvailable
                or PostgresErrorCodes.QueryCanceled or PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.IdleSessionTimeout);
    }

    /// <summary>SQLite gave up waiting for another writer (its busy timeout passed); trying again resolves it.</summary>
    public static bool IsSqliteBusy(Exception exception) => exception switch
    {
        SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked } => true,
        { InnerException: { } inner } => IsSqliteBusy(inner),
        _ => false,
    };
}
