using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Workflows.Runtime;
using Workflows.Storage.EventLog;
using Workflows.Storage.History;

namespace Workflows.Storage.Tests.History;

/// <summary>
/// The Executor's group commit on real PostgreSQL: what a run awaits is committed when the await returns, events keep
/// each instance's log gapless and in order while the saga appends to the same log, and a flush waits for the queue.
/// </summary>
public sealed class RunWriteBatcherTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>, IAsyncDisposable
{
    private readonly RunWriteBatcher _batcher = new(database.DataSource, NullLogger<RunWriteBatcher>.Instance);

    private readonly IDbContextFactory<WorkflowsDbContext> _factory = new PooledDbContextFactory<WorkflowsDbContext>(
        (DbContextOptions<WorkflowsDbContext>)StorageExtensions.Configure(new DbContextOptionsBuilder<WorkflowsDbContext>(), database.DataSource).Options);

    [Fact]
    public async Task Concurrent_runs_find_each_saved_step_committed_when_the_save_returns()
    {
        var store = new PostgresHistoryStore(database.DataSource);
        var ids = Enumerable.Range(0, 32).Select(_ => $"batch-{Guid.NewGuid():N}").ToList();

        await Task.WhenAll(ids.Select(id => Task.Run(async () =>
        {
            for (var step = 1; step <= 3; step++)
            {
                _batcher.Append(Event(id, $"s{step}", "stepStarted"));
                await _batcher.SaveStepAsync(id, 1, Step($"s{step}", step));
                // Read back on another connection: the commit happened before the save returned.
                Assert.Equal(step, (await store.LoadStepsAsync(id, 1)).Count);
                _batcher.Append(Event(id, $"s{step}", "stepCompleted"));
            }
        })));
        await _batcher.FlushAsync();

        foreach (var id in ids)
        {
            var log = await ReadAsync(id);
            Assert.Equal(Enumerable.Range(1, 6).Select(i => (long)i), log.Select(r => r.Sequence));
            Assert.Equal(["s1 stepStarted", "s1 stepCompleted", "s2 stepStarted", "s2 stepCompleted", "s3 stepStarted", "s3 stepCompleted"],
                log.Select(r => $"{r.Step} {r.Type}"));
        }
    }

    [Fact]
    public async Task Events_stay_gapless_and_in_order_while_another_writer_appends_to_the_same_log()
    {
        var id = $"batch-{Guid.NewGuid():N}";

        var runs = Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                _batcher.Append(Event(id, $"run-{i}", "stepStarted"));
                if (i % 5 == 0)
                    await _batcher.FlushAsync();
            }
            await _batcher.FlushAsync();
        });
        var saga = Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
                await InstanceEventLog.AppendAsync(_factory, [Event(id, $"saga-{i}", "started")], CancellationToken.None);
        });
        await Task.WhenAll(runs, saga);

        var log = await ReadAsync(id);
        Assert.Equal(Enumerable.Range(1, 60).Select(i => (long)i), log.Select(r => r.Sequence));
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"run-{i}"), log.Where(r => r.Step!.StartsWith("run-", StringComparison.Ordinal)).Select(r => r.Step));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"saga-{i}"), log.Where(r => r.Step!.StartsWith("saga-", StringComparison.Ordinal)).Select(r => r.Step));
    }

    [Fact]
    public async Task A_released_lease_is_gone_when_the_release_returns()
    {
        var id = $"batch-{Guid.NewGuid():N}";
        await using (var db = await _factory.CreateDbContextAsync())
        {
            db.InstanceLeases.Add(new InstanceLeaseRow { InstanceId = id, Owner = "run-1", ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(1), Generation = 1 });
            db.InstanceLeases.Add(new InstanceLeaseRow { InstanceId = id + "-other", Owner = "run-2", ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(1), Generation = 1 });
            await db.SaveChangesAsync();
        }

        await Task.WhenAll(_batcher.ReleaseLeaseAsync(id, "run-1"), _batcher.ReleaseLeaseAsync(id + "-other", "someone else"));

        await using var check = await _factory.CreateDbContextAsync();
        Assert.Equal([id + "-other"], await check.InstanceLeases.Where(l => l.InstanceId.StartsWith(id)).Select(l => l.InstanceId).ToListAsync());
    }

    public ValueTask DisposeAsync() => _batcher.DisposeAsync();

    private static InstanceEventRow Event(string instanceId, string step, string type) => new()
    {
        InstanceId = instanceId,
        Type = type,
        Step = step,
        Timestamp = DateTimeOffset.UtcNow,
        Status = "running",
    };

    private static StepRecord Step(string name, int sequence) => new()
    {
        Key = $"{name}#1",
        Name = name,
        Occurrence = 1,
        Sequence = sequence,
        Kind = StepKind.Do,
        Status = StepStatus.Complete,
        Attempts = 1,
        StartedAt = DateTimeOffset.UtcNow,
        EndedAt = DateTimeOffset.UtcNow,
        ResultJson = """{"ok":true}""",
        CpuTime = TimeSpan.FromMilliseconds(1.5),
    };

    private async Task<List<InstanceEventRow>> ReadAsync(string id)
    {
        await using var db = await _factory.CreateDbContextAsync();
        return await db.InstanceEvents.AsNoTracking().Where(e => e.InstanceId == id).OrderBy(e => e.Sequence).ToListAsync();
    }
}
