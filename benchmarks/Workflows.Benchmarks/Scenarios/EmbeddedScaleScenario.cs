using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Workflows.Benchmarks.Results;
using Workflows.Benchmarks.Stack;
using Workflows.Storage;
using Workflows.Testing;

namespace Workflows.Benchmarks.Scenarios;

/// <summary>
/// <see cref="ScaleScenario"/> on the embedded default: the DevHost (one Release process, in-memory bus, SQLite) with N
/// parked <c>approval</c> instances; its resident and proportional memory and its CPU over 10 idle seconds. No drain: the
/// one process delivers events one instance at a time (about 70/s here), so 100,000 would take the better part of half an
/// hour to measure what the five services' drain already shows. Counts are read from its <c>engine.db</c>, read-only.
/// </summary>
internal sealed class EmbeddedScaleScenario : IScenario
{
    private const string DevHost = "Workflows.DevHost";
    private const double MiB = 1024 * 1024;

    public string Name => "scale-embedded";

    public bool NeedsEngine => false;

    public TimeSpan Budget(BenchmarkOptions options) => options.Size(TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(3));

    public async Task RunAsync(ScenarioContext context, ScenarioResult result, CancellationToken ct)
    {
        _ = ServiceProcess.HostDll(DevHost);
        await using var devhost = new DevHostStack();
        await devhost.InitializeAsync();
        var pid = devhost.ProcessId;
        var count = context.Options.Size(100_000, 2_000);
        var baseline = ServiceResources.Read(pid).ResidentBytes;
        result.Add("resident before parking", baseline / MiB, "MiB");

        Progress.Write($"  parking {count:N0} × approval {{ timeout: \"1 day\" }} in the DevHost");
        var items = Enumerable.Range(0, count).Select(i => ($"{ScaleScenario.Prefix}{i:D6}", (object?)new { timeout = "1 day" })).ToList();
        var creation = await BatchCreation.SendAsync(devhost.Api, "approval", items, concurrency: 4, ct);
        result.Notes.AddRange(creation.Errors.Select(e => "create failed: " + e));
        result.Add("creation acceptance rate", creation.AcceptedPerSecond, "instances/s");

        var database = $"Data Source={Path.Combine(devhost.StateDirectory, "engine.db")};Mode=ReadOnly";
        var parkDeadline = DateTime.UtcNow + (context.Deadline - DateTime.UtcNow) * 2 / 3;
        var waiting = await WaitForAsync(database, InstanceStates.Waiting, creation.Accepted, parkDeadline, "parking", ct);
        result.Add("parked instances", waiting, "");
        result.Add("create → all parked", (DateTime.UtcNow - creation.FirstSentAt).TotalSeconds, "s");

        await ScaleScenario.MeasureIdleAsync(new Dictionary<string, int> { [DevHost] = pid }, result, baseline, waiting, ct);

        result.Completed = waiting >= creation.Accepted;
    }

    /// <summary>Polls the parked instances in <paramref name="state"/> until there are <paramref name="target"/> or the deadline.</summary>
    private static async Task<long> WaitForAsync(string database, string state, long target, DateTime deadline, string what, CancellationToken ct)
    {
        var lastReport = Stopwatch.StartNew();
        await using var connection = new SqliteConnection(database);
        await connection.OpenAsync(ct);
        while (true)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM instances WHERE current_state = $state AND instance_id LIKE $prefix";
            command.Parameters.AddWithValue("$state", state);
            command.Parameters.AddWithValue("$prefix", ScaleScenario.Prefix + "%");
            var n = (long)(await command.ExecuteScalarAsync(ct))!;
            if (n >= target || DateTime.UtcNow >= deadline)
                return n;
            if (lastReport.Elapsed > TimeSpan.FromSeconds(5))
            {
                Progress.Write($"  {what}: {n:N0} {state}");
                lastReport.Restart();
            }
            await Task.Delay(500, ct);
        }
    }
}
