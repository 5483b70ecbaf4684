using System.Diagnostics;
using System.Reflection;
using Npgsql;
using Workflows.Storage;
using Workflows.Testing;

namespace Workflows.Benchmarks.Stack;

/// <summary>
/// The engine under test: <see cref="DistributedStack"/> (Api, Orchestrator, Executor, Scheduler, Events as Release
/// processes on their own database and vhost), plus what the scenarios need: batch creates, and counts read straight
/// from <c>workflows.instances</c>. Each scenario gets a fresh one, so no scenario measures another's leftovers.
/// </summary>
internal sealed class EngineStack : IAsyncDisposable
{
    private readonly DistributedStack stack = new();

    private EngineStack() { }

    public HttpClient Api => stack.Api;

    public NpgsqlDataSource Database { get; private set; } = null!;

    public string RabbitMqUri => stack.Infrastructure.RabbitMqUri;

    /// <summary>The vhost's queue depths, sampled every second while the engine runs.</summary>
    public QueueMonitor Queues { get; private set; } = null!;

    public static async Task<EngineStack> StartAsync(CancellationToken ct)
    {
        EnsureReleaseServices();
        var engine = new EngineStack();
        try
        {
            await engine.stack.InitializeAsync().WaitAsync(TimeSpan.FromMinutes(5), ct);
            engine.Database = NpgsqlDataSource.Create(engine.stack.Infrastructure.PostgresConnectionString);
            engine.Queues = await QueueMonitor.StartAsync(engine.RabbitMqUri);
            return engine;
        }
        catch
        {
            await engine.DisposeAsync();
            throw;
        }
    }

    /// <summary>The process id of each service.</summary>
    public IReadOnlyDictionary<string, int> ProcessIds =>
        DistributedStack.Services.ToDictionary(s => s, s => stack.ProcessOf(s).ProcessId);

    /// <summary>Runs a few instances of <c>long</c> through every service first, so the measurement does not include JIT and pool warm-up.</summary>
    public async Task WarmUpAsync(int instances, CancellationToken ct)
    {
        var items = Enumerable.Range(0, instances).Select(i => ($"warm-{i:D5}", (object?)new { steps = 3 })).ToList();
        await CreateInBatchesAsync("long", items, concurrency: 2, ct);
        var counts = await WaitForAsync("warm-", c => c.Finished >= instances, DateTime.UtcNow.AddSeconds(120), "warm-up", ct);
        if (counts.Finished < instances)
            Progress.Write($"warm-up did not finish in 120 s ({counts}); measuring anyway");
    }

    /// <summary>POSTs the items to the batch endpoint (<see cref="BatchCreation.SendAsync"/>).</summary>
    public Task<BatchCreation> CreateInBatchesAsync(string workflow, IReadOnlyList<(string Id, object? Params)> items, int concurrency, CancellationToken ct) =>
        BatchCreation.SendAsync(Api, workflow, items, concurrency, ct);

    /// <summary>Counts the instances whose id starts with <paramref name="idPrefix"/> (letters, digits and '-' only).</summary>
    public async Task<InstanceCounts> CountAsync(string idPrefix, CancellationToken ct)
    {
        await using var command = Database.CreateCommand($"""
            SELECT count(*),
                   count(*) FILTER (WHERE current_state = '{InstanceStates.Waiting}'),
                   count(*) FILTER (WHERE current_state = '{InstanceStates.Complete}'),
                   count(*) FILTER (WHERE current_state IN ('{InstanceStates.Errored}', '{InstanceStates.Terminated}')),
                   max(created_at), max(ended_at)
            FROM workflows.instances WHERE instance_id LIKE @prefix
            """);
        command.Parameters.AddWithValue("prefix", idPrefix + "%");
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new InstanceCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3),
            reader.IsDBNull(4) ? null : reader.GetDateTime(4), reader.IsDBNull(5) ? null : reader.GetDateTime(5));
    }

    /// <summary>Polls the counts until <paramref name="done"/> or the deadline; returns the last counts either way.</summary>
    public async Task<InstanceCounts> WaitForAsync(string idPrefix, Func<InstanceCounts, bool> done, DateTime deadline, string what, CancellationToken ct)
    {
        var lastReport = Stopwatch.StartNew();
        while (true)
        {
            var counts = await CountAsync(idPrefix, ct);
            if (done(counts) || DateTime.UtcNow >= deadline)
                return counts;
            if (lastReport.Elapsed > TimeSpan.FromSeconds(5))
            {
                Progress.Write($"  {what}: {counts}");
                lastReport.Restart();
            }
            await Task.Delay(250, ct);
        }
    }

    /// <summary>Runs <paramref name="query"/> (which has an <c>@prefix</c> parameter) and returns its first column as doubles.</summary>
    public async Task<List<double>> ReadValuesAsync(string query, string idPrefix, CancellationToken ct)
    {
        await using var command = Database.CreateCommand(query);
        command.Parameters.AddWithValue("prefix", idPrefix + "%");
        command.CommandTimeout = 300;
        await using var reader = await command.ExecuteReaderAsync(ct);
        var values = new List<double>();
        while (await reader.ReadAsync(ct))
            if (!reader.IsDBNull(0)) values.Add(Convert.ToDouble(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        return values;
    }

    /// <summary>Waits until no queue holds a message (the engine is idle), or the deadline.</summary>
    public async Task<bool> WaitUntilQueuesEmptyAsync(DateTime deadline, CancellationToken ct)
    {
        while (Queues.LastTotal != 0 && DateTime.UtcNow < deadline)
            await Task.Delay(500, ct);
        return Queues.LastTotal == 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (Queues is not null) await Queues.DisposeAsync();
        if (Database is not null) await Database.DisposeAsync();
        await stack.DisposeAsync();
    }

    /// <summary>
    /// A Debug service would make every figure meaningless: refuse to measure one. The services run from their hosts'
    /// output in the benchmark's own configuration (<see cref="ServiceProcess.HostDll"/>), so a Release benchmark runs Release hosts.
    /// </summary>
    private static void EnsureReleaseServices()
    {
        var configuration = typeof(EngineStack).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration;
        if (configuration != "Release")
            throw new InvalidOperationException($"the benchmark is a {configuration ?? "unknown"} build: run it with `dotnet run -c Release`.");
        foreach (var service in DistributedStack.Services)
            _ = ServiceProcess.HostDll(service);
    }
}
