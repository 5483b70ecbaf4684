namespace Workflows.Runtime;

/// <summary>How an instance's rollbacks went: all complete, or the first one that failed for good (the rest did not run).</summary>
/// <param name="Complete">True when every rollback completed.</param>
/// <param name="ErrorName">The failed rollback's last error type name.</param>
/// <param name="ErrorMessage">The failed rollback's last error message.</param>
public sealed record RollbackResult(bool Complete, string? ErrorName = null, string? ErrorMessage = null);
