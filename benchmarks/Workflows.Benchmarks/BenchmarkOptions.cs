namespace Workflows.Benchmarks;

/// <summary>The command line: <c>[--quick] [--only a,b] [--out path] [--latency-rate n]</c>.</summary>
internal sealed record BenchmarkOptions(bool Quick, IReadOnlySet<string> Only, string OutputPath, double? LatencyRate)
{
    public static readonly string[] ScenarioNames = ["throughput", "latency", "timers", "scale", "scale-embedded", "creation", "backlog", "peer", "engines"];

    /// <summary>The full size, or the quick one (a harness check, not a measurement).</summary>
    public int Size(int full, int quick) => Quick ? quick : full;

    public TimeSpan Size(TimeSpan full, TimeSpan quick) => Quick ? quick : full;

    public bool Includes(string scenario) => Only.Count == 0 || Only.Contains(scenario);

    public static BenchmarkOptions? Parse(string[] args)
    {
        var quick = false;
        var only = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        string? output = null;
        double? latencyRate = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--only" when i + 1 < args.Length:
                    only.UnionWith(args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                case "--out" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                case "--latency-rate" when i + 1 < args.Length && double.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out var rate) && rate > 0:
                    latencyRate = rate;
                    i++;
                    break;
                default:
                    return Usage($"unknown or incomplete argument '{args[i]}'");
            }
        }
        if (only.FirstOrDefault(s => !ScenarioNames.Contains(s, StringComparer.OrdinalIgnoreCase)) is { } unknown)
            return Usage($"unknown scenario '{unknown}'");
        return new BenchmarkOptions(quick, only, output ?? DefaultOutputPath(), latencyRate);
    }

    private static BenchmarkOptions? Usage(string problem)
    {
        Console.Error.WriteLine($"""
            {problem}
            usage: dotnet run -c Release --project benchmarks/Workflows.Benchmarks -- [--quick] [--only {string.Join(',', ScenarioNames)}] [--out path] [--latency-rate instances-per-second]
            """);
        return null;
    }

    /// <summary><c>benchmarks/results/latest.json</c> in the repository this binary was built from (else the current folder).</summary>
    private static string DefaultOutputPath() => RepositoryRoot.Find() is { } root
        ? Path.Combine(root, "benchmarks", "results", "latest.json")
        : Path.Combine(Directory.GetCurrentDirectory(), "latest.json");
}
