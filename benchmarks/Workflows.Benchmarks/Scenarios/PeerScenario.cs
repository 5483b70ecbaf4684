using System.Diagnostics;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Workflows.Benchmarks.Peers;
using Workflows.Benchmarks.Results;

namespace Workflows.Benchmarks.Scenarios;

/// <summary>
/// The job-queue peer: Hangfire 1.8 with its PostgreSQL storage (own database, same server), an in-process server,
/// running N chains of three trivial jobs (a job and two continuations), in its two modes: enqueued while its server
/// processes (chains/s from the first enqueue to the last step), and all enqueued first (from the server's start).
/// </summary>
internal sealed class PeerScenario : IScenario
{
    private const int WorkerCount = 20;

    public const string EnqueuedFirst = "enqueued first";

    public string Name => "peer";

    public bool NeedsEngine => false;

    public TimeSpan Budget(BenchmarkOptions options) => options.Size(TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(3));

    public async Task RunAsync(ScenarioContext context, ScenarioResult result, CancellationToken ct)
    {
        var chains = context.Options.Size(5_000, 500);
        result.Notes.Add($"Hangfire {typeof(BackgroundJobServer).Assembly.GetName().Version}, {WorkerCount} workers, long polling");
        var halfway = DateTime.UtcNow + (context.Deadline - DateTime.UtcNow) / 2;
        var whileProcessing = await RunModeAsync("while processing", chains, enqueueFirst: false, result, halfway, ct);
        var first = await RunModeAsync(EnqueuedFirst, chains, enqueueFirst: true, result, context.Deadline, ct);
        result.Completed = whileProcessing && first;
    }

    private static async Task<bool> RunModeAsync(string mode, int chains, bool enqueueFirst, ScenarioResult result, DateTime deadline, CancellationToken ct)
    {
        await using var database = await PeerDatabase.CreateAsync("hangfire", ct);
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = true,
            // Workers learn of new jobs by LISTEN/NOTIFY, with a short poll as the fallback: Hangfire at its quickest.
            EnableLongPolling = true,
            QueuePollInterval = TimeSpan.FromMilliseconds(200),
        };
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, storageOptions), storageOptions);
        var client = new BackgroundJobClient(storage);
        HangfireChain.Reset(chains);

        BackgroundJobServer? server = null;
        try
        {
            if (!enqueueFirst) server = Start(storage);
            Progress.Write($"  Hangfire, {mode}: enqueueing {chains:N0} chains of 3 jobs");
            var clock = Stopwatch.StartNew();
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            {
                int chain;
                while ((chain = Interlocked.Increment(ref next)) < chains && !ct.IsCancellationRequested)
                {
                    var firstJob = client.Enqueue(() => HangfireChain.Step(chain, 1));
                    var second = client.ContinueJobWith(firstJob, () => HangfireChain.Step(chain, 2));
                    client.ContinueJobWith(second, () => HangfireChain.LastStep(chain));
                }
            }, ct)));
            result.Add($"{mode}: enqueue rate", chains / clock.Elapsed.TotalSeconds, "chains/s");
            if (enqueueFirst)
            {
                clock.Restart();
                server = Start(storage);
            }

            var remaining = deadline - DateTime.UtcNow;
            var finished = await Task.WhenAny(HangfireChain.AllFinished, Task.Delay(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, ct)) == HangfireChain.AllFinished;
            var seconds = clock.Elapsed.TotalSeconds;
            result.Add($"{mode}: chains finished", HangfireChain.Finished, "");
            result.Add($"{mode}: {(enqueueFirst ? "server start" : "first enqueue")} → last step", seconds, "s");
            result.Add($"{mode}: chains/s", HangfireChain.Finished / seconds, "1/s");
            return finished;
        }
        finally
        {
            server?.Dispose();
        }
    }

    private static BackgroundJobServer Start(PostgreSqlStorage storage) =>
        new(new BackgroundJobServerOptions { WorkerCount = WorkerCount }, storage);
}
