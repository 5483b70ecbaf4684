namespace Workflows.Contracts;

/// <summary>How an instance's rollbacks went, as the API's <c>rollback.outcome</c> shows it. Part of the wire contract.</summary>
public static class RollbackOutcomes
{
    /// <summary>Every rollback completed.</summary>
    public const string Complete = "complete";

    /// <summary>A rollback failed for good; the ones after it did not run.</summary>
    public const string Failed = "failed";
}
