using Workflows.Testing;

namespace Workflows.Robustness.Tests;

/// <summary>What the services wrote that no hostile input may cause: an unhandled exception, an error or a critical log line.</summary>
internal static class ServiceLogs
{
    /// <summary>Each service's output so far, to look only at what a test's own run adds.</summary>
    public static IReadOnlyDictionary<string, int> Mark(DistributedStack stack) =>
        DistributedStack.Services.ToDictionary(s => s, s => stack.OutputOf(s).Length);

    /// <summary>
    /// The error entries written since <paramref name="mark"/>, each as its first two lines (the console logger writes the
    /// level and category, then the message); <paramref name="expected"/> excuses the ones the test provoked on purpose.
    /// </summary>
    public static IReadOnlyList<string> Unexpected(DistributedStack stack, IReadOnlyDictionary<string, int> mark, Func<string, bool>? expected = null) =>
    [
        .. DistributedStack.Services.SelectMany(service =>
        {
            var lines = stack.OutputOf(service)[mark[service]..].Split('\n');
            return lines
                .Select((line, i) => (entry: line.Trim() + " " + (i + 1 < lines.Length ? lines[i + 1].Trim() : ""), line))
                .Where(x => x.line.StartsWith("fail:", StringComparison.Ordinal) || x.line.StartsWith("crit:", StringComparison.Ordinal)
                    || x.line.Contains("Unhandled exception", StringComparison.OrdinalIgnoreCase))
                .Where(x => expected is null || !expected(x.entry))
                .Select(x => $"{service}: {x.entry}");
        }),
    ];

    /// <summary>Every service is still running.</summary>
    public static IReadOnlyList<string> Exited(DistributedStack stack) =>
        [.. DistributedStack.Services.Where(s => stack.ProcessOf(s).HasExited).Select(s => $"{s} exited with {stack.ProcessOf(s).ExitCode}")];
}
