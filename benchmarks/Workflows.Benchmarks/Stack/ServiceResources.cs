using System.Globalization;

namespace Workflows.Benchmarks.Stack;

/// <summary>
/// Memory and CPU time of one process, from /proc (Linux). Resident (VmRSS) counts every page the process maps,
/// including the runtime's and the assemblies' file pages that all five services share; proportional (Pss) divides
/// each shared page among the processes mapping it, so the services' Pss add up to what they cost together.
/// </summary>
/// Of the proportional share, <see cref="ProportionalAnonymousBytes"/> is the process's own memory (heaps, JIT'd code,
/// stacks); the rest is file pages (assemblies, the runtime), which a process shares with every other one mapping them.
internal sealed record ServiceResources(long ResidentBytes, long ProportionalBytes, long ProportionalAnonymousBytes, TimeSpan CpuTime)
{
    public static ServiceResources Read(int pid) => new(
        Kilobytes($"/proc/{pid}/status", "VmRSS:") * 1024,
        Kilobytes($"/proc/{pid}/smaps_rollup", "Pss:") * 1024,
        Kilobytes($"/proc/{pid}/smaps_rollup", "Pss_Anon:") * 1024,
        CpuAccount.ProcessCpu(pid));

    /// <summary>The figure of a "Name:   123456 kB" line.</summary>
    private static long Kilobytes(string path, string field)
    {
        var line = File.ReadLines(path).First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}
