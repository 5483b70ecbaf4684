using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Workflows.Benchmarks.Results;
using Workflows.Benchmarks.Scenarios;
using Workflows.Benchmarks.Stack;

namespace Workflows.Benchmarks;

/// <summary>Runs the chosen scenarios one after another, each on a fresh engine, then prints the table and writes the JSON.</summary>
internal static class BenchmarkRunner
{
    /// <summary>After its budget a scenario gets this long to report what it reached before it is cancelled.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(60);

    private static readonly IScenario[] All =
        [new ThroughputScenario(), new LatencyScenario(), new TimerScenario(), new ScaleScenario(), new EmbeddedScaleScenario(), new CreationRateScenario(), new BacklogScenario(), new PeerScenario(), new EnginePeerScenario()];

    public static async Task<int> RunAsync(BenchmarkOptions options)
    {
        using var interrupted = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            interrupted.Cancel();
        };

        var startedAt = DateTimeOffset.UtcNow;
        var results = new List<ScenarioResult>();
        foreach (var scenario in All.Where(s => options.Includes(s.Name)))
        {
            if (interrupted.IsCancellationRequested) break;
            results.Add(await RunOneAsync(scenario, options, results, interrupted.Token));
        }

        var report = new BenchmarkReport(startedAt, options.Quick, Machine(), results, Goals.Evaluate(results));
        Console.WriteLine();
        Console.WriteLine(ResultTable.Render(report));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.OutputPath))!);
        await File.WriteAllTextAsync(options.OutputPath, JsonSerializer.Serialize(report, JsonOptions));
        Console.WriteLine($"results: {options.OutputPath}");
        return results.All(r => r.Completed) ? 0 : 1;
    }

    private static async Task<ScenarioResult> RunOneAsync(IScenario scenario, BenchmarkOptions options, IReadOnlyList<ScenarioResult> earlier, CancellationToken interrupted)
    {
        var result = new ScenarioResult(scenario.Name);
        var budget = scenario.Budget(options);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(interrupted);
        timeout.CancelAfter(budget + Grace);
        var clock = Stopwatch.StartNew();
        EngineStack? engine = null;
        string? stopped = null;
        try
        {
            Progress.Write($"{scenario.Name}: starting{(scenario.NeedsEngine ? " a fresh engine" : "")}");
            if (scenario.NeedsEngine)
            {
                engine = await EngineStack.StartAsync(timeout.Token);
                await engine.WarmUpAsync(options.Size(500, 100), timeout.Token);
            }
            clock.Restart();
            var context = new ScenarioContext(options, engine, earlier, DateTime.UtcNow + budget);
            engine?.Queues.Reset();
            try
            {
                await scenario.RunAsync(context, result, timeout.Token);
            }
            finally
            {
                if (engine?.Queues.Backlogs(top: 4) is { Count: > 0 } backlogs)
                    result.Notes.Add("deepest queues: " + string.Join(", ", backlogs.Select(b => $"{b.Queue} {b.Messages:N0}")));
            }
        }
        catch (OperationCanceledException)
        {
            stopped = interrupted.IsCancellationRequested ? "interrupted" : $"cancelled after its budget of {budget.TotalMinutes:N0} min";
        }
        catch (Exception e)
        {
            stopped = $"failed: {e.GetType().Name}: {e.Message.Split('\n')[0]}";
            Progress.Write($"{scenario.Name} failed: {e}");
        }
        finally
        {
            result.ElapsedSeconds = clock.Elapsed.TotalSeconds;
            if (engine is not null) await engine.DisposeAsync();
        }
        if (!result.Completed)
            result.Notes.Add(stopped ?? $"did not finish within its budget of {budget.TotalMinutes:N0} min: the figures are what it reached");
        Progress.Write($"{scenario.Name}: done in {result.ElapsedSeconds:N0} s{(result.Completed ? "" : " (incomplete)")}");
        return result;
    }

    private static string Machine() =>
        $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
