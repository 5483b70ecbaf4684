using System.Diagnostics;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Npgsql;
using Workflows.Benchmarks.Results;
using Workflows.Testing;

namespace Workflows.Benchmarks.Scenarios;

/// <summary>
/// The peer: Hangfire 1.8 with its PostgreSQL storage (own database, same server), an in-process server, running N
/// chains of three trivial jobs (a job and two continuations); chains/s from the first enqueue to the last step done.
/// </summary>
internal sealed class PeerScenario : IScenario
{
    private const int WorkerCount = 20;

    public string Name => "peer";

    public bool NeedsEngine => false;

    public TimeSpan Budget(BenchmarkOptions options) => options.Size(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(2));

    public async Task RunAsync(ScenarioContext context, ScenarioResult result, CancellationToken ct)
    {
        var chains = context.Options.Size(5_000, 500);
        var admin = (await InfrastructureEndpoints.GetAsync()).Postgres;
        var database = $"wf_bench_hangfire_{Guid.NewGuid():N}"[..32];
        await ExecuteAsync(admin, $"CREATE DATABASE \"{database}\"", ct);
        try
        {
            var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database, MaxPoolSize = 100 }.ConnectionString;
            var storageOptions = new PostgreSqlStorageOptions
            {
                SchemaName = "hangfire",
                PrepareSchemaIfNecessary = true,
                // Workers learn of new jobs by LISTEN/NOTIFY, with a short poll as the fallback: Hangfire at its quickest.
                EnableLongPolling = true,
                QueuePollInterval = TimeSpan.FromMilliseconds(200),
            };
            var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions);
            var client = new BackgroundJobClient(storage);
            HangfireChain.Reset(chains);

            using var server = new BackgroundJobServer(new BackgroundJobServerOptions { WorkerCount = WorkerCount }, storage);
            result.Notes.Add($"Hangfire {typeof(BackgroundJobServer).Assembly.GetName().Version}, {WorkerCount} workers, long polling");

            Progress.Write($"  enqueueing {chains:N0} Hangfire chains of 3 jobs");
            var clock = Stopwatch.StartNew();
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            {
                int chain;
                while ((chain = Interlocked.Increment(ref next)) < chains && !ct.IsCancellationRequested)
                {
                    var first = client.Enqueue(() => HangfireChain.Step(chain, 1));
                    var second = client.ContinueJobWith(first, () => HangfireChain.Step(chain, 2));
                    client.ContinueJobWith(second, () => HangfireChain.LastStep(chain));
                }
            }, ct)));
            result.Add("enqueue rate", chains / clock.Elapsed.TotalSeconds, "chains/s");

            var remaining = context.Deadline - DateTime.UtcNow;
            var finished = await Task.WhenAny(HangfireChain.AllFinished, Task.Delay(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, ct)) == HangfireChain.AllFinished;
            var seconds = clock.Elapsed.TotalSeconds;
            result.Add("chains finished", HangfireChain.Finished, "");
            result.Add("first enqueue → last step", seconds, "s");
            result.Add("chains/s", HangfireChain.Finished / seconds, "1/s");
            result.Completed = finished;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", CancellationToken.None);
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
