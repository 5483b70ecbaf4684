using Microsoft.EntityFrameworkCore;
using Npgsql;
using Workflows.Storage;

namespace Workflows.Orchestrator.Sagas;

/// <summary>The failures a saga write meets when another delivery touched the same instance first; a retry resolves each.</summary>
public static class SagaConflicts
{
    /// <summary>
    /// True for a lost race: xmin changed, a duplicate insert (23505 or SQLite's constraint), a deadlock (40P01), a
    /// serialization failure (40001), or SQLite still busy with another writer.
    /// </summary>
    public static bool IsConflict(Exception exception) => exception switch
    {
        DbUpdateConcurrencyException => true,
        PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure } => true,
        _ when DatabaseErrors.IsUniqueViolation(exception) || DatabaseErrors.IsSqliteBusy(exception) => true,
        { InnerException: { } inner } => IsConflict(inner),
        _ => false,
    };

    /// <summary>Another delivery inserted the same instance and committed first.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) => DatabaseErrors.IsUniqueViolation(exception);
}
