using System.Net.Http.Json;
using Workflows.Benchmarks.Results;
using Workflows.Benchmarks.Stack;
using Workflows.Runtime;

namespace Workflows.Benchmarks.Scenarios;

/// <summary>
/// Saturation: N instances of <c>long { steps: 3 }</c> created as fast as the batch endpoint accepts them; instances/s
/// and steps/s from the first create to the last completion (<c>max(ended_at)</c>), and the acceptance rate; and
/// where the CPU went: milliseconds of CPU per instance for each service, PostgreSQL, RabbitMQ and this driver. Meanwhile
/// a single create every 250 ms (<see cref="PromptPrefix"/>) measures how long work someone waits on takes to start
/// behind that bulk backlog (it runs from the Executors' prompt queue).
/// </summary>
internal sealed class ThroughputScenario : IScenario
{
    public const string Prefix = "tp-";

    /// <summary>The single creates sent while the bulk runs; not counted in the figures per instance.</summary>
    public const string PromptPrefix = "tpp-";

    public string Name => "throughput";

    public bool NeedsEngine => true;

    public TimeSpan Budget(BenchmarkOptions options) => options.Size(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(3));

    /// <summary>Instances created; the peers run the same count.</summary>
    public static int Count(BenchmarkOptions options) => options.Size(10_000, 1_000);

    public async Task RunAsync(ScenarioContext context, ScenarioResult result, CancellationToken ct)
    {
        var engine = context.Stack;
        var count = Count(context.Options);
        var items = Enumerable.Range(0, count).Select(i => ($"{Prefix}{i:D6}", (object?)new { steps = 3 })).ToList();

        var postmaster = await CpuAccount.PostmasterOfAsync(engine.Database, ct);
        var cpuBefore = CpuAccount.Read(engine.ProcessIds, postmaster);
        var databaseBefore = await DatabaseCounters.ReadAsync(engine.Database, ct);
        var brokerBefore = await engine.Queues.CountersAsync(ct);
        using var allocations = AllocationMeter.Start(engine.ProcessIds);
        Progress.Write($"  creating {count:N0} × long {{ steps: 3 }} (batches of 100, 4 concurrent), and a single create every 250 ms");
        using var bulkDone = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var prompt = CreateSinglesAsync(engine.Api, bulkDone.Token);
        var creation = await engine.CreateInBatchesAsync("long", items, concurrency: 4, ct);
        result.Add("instances accepted", creation.Accepted, "");
        result.Add("creation acceptance rate", creation.AcceptedPerSecond, "instances/s");
        result.Notes.AddRange(creation.Errors.Select(e => "create failed: " + e));

        var counts = await engine.WaitForAsync(Prefix, c => c.Finished >= creation.Accepted, context.Deadline, "throughput", ct);
        await bulkDone.CancelAsync();
        var singles = await prompt;
        var end = counts.LastEndedAt ?? DateTime.UtcNow;
        var seconds = (end - creation.FirstSentAt).TotalSeconds;
        var steps = await engine.ReadValuesAsync(
            $"SELECT count(*) FROM workflows.steps WHERE instance_id LIKE @prefix AND kind = '{nameof(StepKind.Do)}' AND status = '{nameof(StepStatus.Complete)}'", Prefix, ct);

        result.Add("instances complete", counts.Complete, "");
        if (counts.Failed > 0) result.Add("instances errored", counts.Failed, "");
        result.Add("first create → last completion", seconds, "s");
        result.Add("instances/s", counts.Complete / seconds, "1/s");
        result.Add("steps/s", steps[0] / seconds, "1/s");
        var perInstance = 1.0 / Math.Max(1, counts.Complete);
        foreach (var (part, cpu) in CpuAccount.Read(engine.ProcessIds, postmaster).Since(cpuBefore))
            result.Add($"CPU per instance, {part}", cpu.TotalMilliseconds * perInstance, "ms");
        foreach (var (service, bytes) in await allocations.StopAsync())
            result.Add($"allocated per instance, {service}", bytes * perInstance / 1024, "KB");
        await AddStoreAndBrokerCostsAsync(engine, databaseBefore, brokerBefore, perInstance, result, ct);

        await engine.WaitForAsync(PromptPrefix, c => c.Finished >= singles, context.Deadline, "throughput (single creates)", ct);
        var firstStep = await engine.ReadValuesAsync("""
            SELECT EXTRACT(EPOCH FROM (SELECT min(s.started_at) FROM workflows.steps s WHERE s.instance_id = i.instance_id) - i.created_at) * 1000
            FROM workflows.instances i WHERE i.instance_id LIKE @prefix
            """, PromptPrefix, ct);
        result.Add("single creates behind the bulk", singles, "");
        result.Add("single create → first step behind the bulk", Distribution.Of(firstStep));
        result.Completed = counts.Finished >= creation.Accepted && creation.Rejected == 0;
    }

    /// <summary>Creates one instance of <c>long { steps: 1 }</c> every 250 ms until cancelled; returns how many were accepted.</summary>
    private static async Task<int> CreateSinglesAsync(HttpClient api, CancellationToken stop)
    {
        var accepted = 0;
        try
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                using var response = await api.PostAsJsonAsync("api/workflows/long/instances", new { id = $"{PromptPrefix}{i:D5}", @params = new { steps = 1 } }, stop);
                if (response.IsSuccessStatusCode)
                    accepted++;
                await Task.Delay(TimeSpan.FromMilliseconds(250), stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The bulk is done.
        }
        return accepted;
    }

    /// <summary>PostgreSQL commits and statements, RabbitMQ messages, per instance; the statements that took most time as notes.</summary>
    private static async Task AddStoreAndBrokerCostsAsync(
        EngineStack engine, DatabaseCounters databaseBefore, BrokerCounters brokerBefore, double perInstance, ScenarioResult result, CancellationToken ct)
    {
        // The management API's counters lag by its statistics interval (5 s).
        await Task.Delay(TimeSpan.FromSeconds(6), ct);
        var database = await DatabaseCounters.ReadAsync(engine.Database, ct);
        var broker = (await engine.Queues.CountersAsync(ct)).Since(brokerBefore);
        result.Add("PostgreSQL commits per instance", (database.Commits - databaseBefore.Commits) * perInstance, "");
        var statements = database.StatementsSince(databaseBefore);
        if (statements.Count > 0)
        {
            result.Add("PostgreSQL statements per instance", statements.Sum(s => s.Calls) * perInstance, "");
            foreach (var (query, calls, ms) in statements.Take(8))
                result.Notes.Add($"statement: {calls * perInstance:N2}/instance, {ms * perInstance:N3} ms/instance: {Squeeze(query)}");
        }
        else
            result.Notes.Add("PostgreSQL statements not counted: the server does not load pg_stat_statements (see docs/benchmarks.md)");
        result.Add("RabbitMQ published per instance", broker.Published * perInstance, "");
        result.Add("RabbitMQ confirmed per instance", broker.Confirmed * perInstance, "");
        result.Add("RabbitMQ delivered per instance", broker.Delivered * perInstance, "");
    }

    private static string Squeeze(string query)
    {
        var line = string.Join(' ', query.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return line.Length > 140 ? line[..140] + "…" : line;
    }
}
