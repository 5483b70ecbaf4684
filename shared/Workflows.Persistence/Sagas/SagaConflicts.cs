using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Workflows.Persistence.Sagas;

/// <summary>The failures a saga write meets when another delivery touched the same instance first; a retry resolves each.</summary>
public static class SagaConflicts
{
    /// <summary>True for a lost race: xmin changed, a duplicate insert (23505), a deadlock (40P01) or a serialization failure (40001).</summary>
    public static bool IsConflict(Exception exception) => exception switch
    {
        DbUpdateConcurrencyException => true,
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure } => true,
        { InnerException: { } inner } => IsConflict(inner),
        _ => false,
    };

    /// <summary>23505: another delivery inserted the same instance and committed first.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
