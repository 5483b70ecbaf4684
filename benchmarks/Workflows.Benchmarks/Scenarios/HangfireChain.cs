namespace Workflows.Benchmarks.Scenarios;

/// <summary>The peer's three-step chain: three trivial jobs, the last one counting finished chains.</summary>
public static class HangfireChain
{
    private static int finished;
    private static int expected;
    private static TaskCompletionSource allFinished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static int Finished => Volatile.Read(ref finished);

    public static Task AllFinished => allFinished.Task;

    public static void Reset(int chains)
    {
        finished = 0;
        expected = chains;
        allFinished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Steps 1 and 2 (Hangfire runs public methods only).</summary>
    public static int Step(int chain, int step) => chain + step;

    public static void LastStep(int chain)
    {
        _ = Step(chain, 3);
        if (Interlocked.Increment(ref finished) == expected)
            allFinished.TrySetResult();
    }
}
