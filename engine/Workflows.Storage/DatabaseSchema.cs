namespace Workflows.Storage;

/// <summary>
/// Whether this process has seen the engine's schema brought up to date (migrated on PostgreSQL, created on SQLite).
/// Work that touches the database as the process starts waits for it, and <c>/health</c> says 503 until then: services
/// start in any order, and one whose database is not reachable (or not migrated) yet must not take work against it.
/// </summary>
public sealed class DatabaseSchema
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => _ready.Task.IsCompleted;

    /// <summary>Completes once the schema is up to date; at once when it already is.</summary>
    public Task WaitUntilReadyAsync(CancellationToken ct) => _ready.Task.WaitAsync(ct);

    internal void MarkReady() => _ready.TrySetResult();
}
