using System.Globalization;

namespace Workflows.Benchmarks.Stack;

/// <summary>Resident memory and CPU time of one process, from /proc (Linux).</summary>
internal sealed record ServiceResources(long ResidentBytes, TimeSpan CpuTime)
{
    /// <summary>USER_HZ, the unit of utime/stime in /proc/&lt;pid&gt;/stat: 100 on every Linux ABI.</summary>
    private const double TicksPerSecond = 100;

    public static ServiceResources Read(int pid)
    {
        // VmRSS:    123456 kB
        var rss = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kib = long.Parse(rss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

        // Fields after the command name (which may hold spaces, hence the last ')'): utime and stime are fields 14 and 15.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return new ServiceResources(kib * 1024, TimeSpan.FromSeconds(ticks / TicksPerSecond));
    }
}
