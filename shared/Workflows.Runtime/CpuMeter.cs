namespace Workflows.Runtime;

/// <summary>
/// The thread CPU time of one step attempt's body, summed over every synchronous segment of it on whatever thread it runs.
/// The meter rides in an <see cref="AsyncLocal{T}"/> whose change callback fires each time the step's execution context
/// is switched onto or off a thread (every continuation after an await), so each segment is timed where it runs.
/// Work that does not flow the execution context (unsafe thread-pool items, native I/O completion) is not counted.
/// </summary>
internal sealed class CpuMeter
{
    private static readonly AsyncLocal<CpuMeter?> Ambient = new(OnSwitched);

    [ThreadStatic]
    private static long segmentStart;

    private long nanoseconds;

    /// <summary>The CPU time counted so far.</summary>
    public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref nanoseconds) / 100);

    /// <summary>Starts counting on this execution context; null where the thread CPU clock cannot be read.</summary>
    public static CpuMeter? Start()
    {
        if (!ThreadCpuClock.IsSupported)
            return null;
        var meter = new CpuMeter();
        Ambient.Value = meter;
        return meter;
    }

    /// <summary>Stops counting on this execution context (continuations already queued by the body still count when they run).</summary>
    public static void Stop() => Ambient.Value = null;

    private static void OnSwitched(AsyncLocalValueChangedArgs<CpuMeter?> change)
    {
        if (ReferenceEquals(change.PreviousValue, change.CurrentValue))
            return;
        var now = ThreadCpuClock.NowNanoseconds();
        if (change.PreviousValue is { } leaving)
            Interlocked.Add(ref leaving.nanoseconds, Math.Max(0, now - segmentStart));
        if (change.CurrentValue is not null)
            segmentStart = now;
    }
}
