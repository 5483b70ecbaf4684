using System.Data.Common;
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
    /// The database failed the call (unreachable, restarting, a dropped connection, or an error it returned), however
    /// EF Core or a caller wrapped it: a <see cref="DbException"/> anywhere in the chain of inner exceptions.
    /// </summary>
    public static bool IsDatabaseFailure(Exception exception) => exception switch
    {
        DbException => true,
        { InnerException: { } inner } => IsDatabaseFailure(inner),
        _ => false,
    };

    /// <summary>SQLite gave up waiting for another writer (its busy timeout passed); trying again resolves it.</summary>
    public static bool IsSqliteBusy(Exception exception) => exception switch
    {
        SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked } => true,
        { InnerException: { } inner } => IsSqliteBusy(inner),
        _ => false,
    };
}
