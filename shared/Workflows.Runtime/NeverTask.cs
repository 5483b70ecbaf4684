namespace Workflows.Runtime;

/// <summary>The task of a branch that goes no further in this run: the run ends (idle, paused, failed, terminated) without it.</summary>
internal static class NeverTask
{
    public static Task<T> Of<T>() => new TaskCompletionSource<T>().Task;
}
