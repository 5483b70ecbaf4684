namespace Workflows.Executor;

/// <summary>A run in flight: its generation and the signals that stop it.</summary>
public sealed class ActiveRun(long generation) : IDisposable
{
    public long Generation { get; } = generation;

    public CancellationTokenSource Pause { get; } = new();

    public CancellationTokenSource Terminate { get; } = new();

    public void Dispose()
    {
        Pause.Dispose();
        Terminate.Dispose();
    }
}
