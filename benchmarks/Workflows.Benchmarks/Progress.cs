using System.Diagnostics;

namespace Workflows.Benchmarks;

/// <summary>Progress lines on stderr (the table goes to stdout), with the time since the benchmark started.</summary>
internal static class Progress
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    public static void Write(string line) => Console.Error.WriteLine($"[{Clock.Elapsed:hh\\:mm\\:ss}] {line}");
}
