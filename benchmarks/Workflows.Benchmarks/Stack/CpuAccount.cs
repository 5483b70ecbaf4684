using System.Globalization;

namespace Workflows.Benchmarks.Stack;

/// <summary>
/// CPU time spent so far by each part of the system under test, from /proc (Linux): each service process, PostgreSQL
/// (the server's postmaster and its processes, with its reaped children; every <c>postgres</c> process when the
/// postmaster is not known), RabbitMQ (<c>beam.smp</c>), this benchmark
/// driver, and the whole machine. The difference of two snapshots says where a scenario's CPU went.
/// </summary>
internal sealed record CpuAccount(IReadOnlyDictionary<string, TimeSpan> Parts, TimeSpan MachineBusy)
{
    /// <summary>USER_HZ, the unit of /proc's CPU times: 100 on every Linux ABI.</summary>
    private const double TicksPerSecond = 100;

    public static CpuAccount Read(IReadOnlyDictionary<string, int> services, int? postmaster = null)
    {
        var parts = services.ToDictionary(s => s.Key.Replace("Workflows.", "", StringComparison.Ordinal), s => Ticks(s.Value, children: false));
        // Other PostgreSQL servers on the machine (the shared one, when profiling on a private one) are not ours.
        parts["PostgreSQL"] = postmaster is { } pid ? Ticks(pid, children: true) + SumChildrenOf(pid) : SumByCommand("postgres");
        parts["RabbitMQ"] = SumByCommand("beam.smp");
        parts["benchmark driver"] = Ticks(Environment.ProcessId, children: false);
        return new CpuAccount(parts.ToDictionary(p => p.Key, p => TimeSpan.FromSeconds(p.Value / TicksPerSecond)), TimeSpan.FromSeconds(MachineBusyTicks() / TicksPerSecond));
    }

    /// <summary>CPU each part used between <paramref name="before"/> and this snapshot, and what the machine used besides them.</summary>
    public IReadOnlyList<(string Part, TimeSpan Cpu)> Since(CpuAccount before)
    {
        var used = Parts.Select(p => (p.Key, p.Value - before.Parts.GetValueOrDefault(p.Key))).ToList();
        var other = MachineBusy - before.MachineBusy - used.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Item2);
        used.Add(("everything else", other > TimeSpan.Zero ? other : TimeSpan.Zero));
        return used;
    }

    /// <summary>The CPU time one process has used (utime + stime).</summary>
    public static TimeSpan ProcessCpu(int pid) => TimeSpan.FromSeconds(Ticks(pid, children: false) / TicksPerSecond);

    private static long SumByCommand(string command)
    {
        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                if (File.ReadAllText($"{dir}/comm").TrimEnd() == command)
                    ticks += Ticks(pid, children: true);
            }
            catch (IOException) { } // the process ended meanwhile
            catch (UnauthorizedAccessException) { }
        }
        return ticks;
    }

    private static long SumChildrenOf(int parent)
    {
        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText($"{dir}/stat");
                if (int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture) == parent)
                    ticks += Ticks(pid, children: false);
            }
            catch (IOException) { } // the process ended meanwhile
            catch (UnauthorizedAccessException) { }
        }
        return ticks;
    }

    /// <summary>The postmaster of the server behind <paramref name="database"/>: the parent of this connection's backend.</summary>
    public static async Task<int> PostmasterOfAsync(Npgsql.NpgsqlDataSource database, CancellationToken ct)
    {
        await using var command = database.CreateCommand("SELECT pg_backend_pid()");
        var backend = (int)(await command.ExecuteScalarAsync(ct))!;
        var stat = await File.ReadAllTextAsync($"/proc/{backend}/stat", ct);
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
    }

    /// <summary>utime + stime (fields 14, 15), with children cutime + cstime (16, 17), of /proc/&lt;pid&gt;/stat.</summary>
    private static long Ticks(int pid, bool children)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long Field(int i) => long.Parse(fields[i], CultureInfo.InvariantCulture);
        return Field(11) + Field(12) + (children ? Field(13) + Field(14) : 0);
    }

    /// <summary>All CPU time except idle and iowait, summed over every core (the <c>cpu</c> line of /proc/stat).</summary>
    private static long MachineBusyTicks()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal (guest time is already in user)
        return cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6] + cpu[7];
    }
}
