using System.Globalization;

namespace Workflows.Benchmarks.Stack;

/// <summary>Resident memory and CPU time of one process, from /proc (Linux).</summary>
internal sealed record ServiceResources(long ResidentBytes, TimeSpan CpuTime)
{
    public static ServiceResources Read(int pid)
    {
        // VmRSS:    123456 kB
        var rss = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kib = long.Parse(rss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

        return new ServiceResources(kib * 1024, CpuAccount.ProcessCpu(pid));
    }
}
