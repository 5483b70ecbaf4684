namespace Workflows.Executor;

/// <summary>A run in flight: its generation, whether it only runs rollbacks, and the signals that stop it.</summary>
public sealed class ActiveRun(long generation, bool rollingBack = false) : IDisposable
{
    public long Generation { get; } = generation;

    /// <summary>A terminate-with-rollback run: the terminate that asked for it does not cancel it.</summary>
    public bool RollingBack { get; } = rollingBack;

    public CancellationTokenSource Pause { get; } = new();

    public CancellationTokenSource Terminate { get; } = new();

    public void Dispose()
    {
        Pause.Dispose();
        Terminate.Dispose();
    }
}
