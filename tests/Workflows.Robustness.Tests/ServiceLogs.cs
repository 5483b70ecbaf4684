using Workflows.Testing;

namespace Workflows.Robustness.Tests;

/// <summary>What the services wrote that no hostile input may cause: an unhandled exception, an error or a critical log line.</summary>
internal static class ServiceLogs
{
    public static IReadOnlyList<string> Unexpected(DistributedStack stack, Func<string, bool>? expected = null) =>
    [
        .. DistributedStack.Services.SelectMany(service => stack.OutputOf(service)
            .Split('\n')
            .Select((line, i) => (line, i, service))
            .Where(x => x.line.StartsWith("fail:", StringComparison.Ordinal) || x.line.StartsWith("crit:", StringComparison.Ordinal)
                || x.line.Contains("Unhandled exception", StringComparison.OrdinalIgnoreCase))
            .Where(x => expected is null || !expected(x.line))
            .Select(x => $"{x.service}: {x.line.Trim()}")),
    ];

    /// <summary>Every service is still running.</summary>
    public static IReadOnlyList<string> Exited(DistributedStack stack) =>
        [.. DistributedStack.Services.Where(s => stack.ProcessOf(s).HasExited).Select(s => $"{s} exited with {stack.ProcessOf(s).ExitCode}")];
}
