using System.Runtime.InteropServices;

namespace Workflows.Runtime;

/// <summary>The calling thread's CPU time (user + system) from <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>; Linux only.</summary>
internal static class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    /// <summary>Whether the clock can be read here (Linux); elsewhere nothing is measured.</summary>
    public static bool IsSupported { get; } = OperatingSystem.IsLinux() && Probe();

    /// <summary>Nanoseconds of CPU this thread has used.</summary>
    public static long NowNanoseconds() =>
        clock_gettime(ClockThreadCpuTimeId, out var time) == 0 ? (time.Seconds * 1_000_000_000L) + time.Nanoseconds : 0;

    private static bool Probe()
    {
        try
        {
            return clock_gettime(ClockThreadCpuTimeId, out _) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    // DllImport, not LibraryImport: the struct is blittable, and LibraryImport would need unsafe code in this project.
    [DllImport("libc", ExactSpelling = true)]
    private static extern int clock_gettime(int clockId, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
