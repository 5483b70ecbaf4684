using Microsoft.EntityFrameworkCore;
using Workflows.Storage.EventLog;

namespace Workflows.Storage.Tests.EventLog;

/// <summary>
/// What the event log must do on every store: each instance's sequences are 1, 2, 3… without gaps or duplicates, however
/// many writers append at once (the stream's Last-Event-ID depends on it). Run once per store by a subclass.
/// </summary>
public abstract class InstanceEventLogContract
{
    protected abstract IDbContextFactory<WorkflowsDbContext> Factory { get; }

    [Fact]
    public async Task Concurrent_writers_of_one_instance_get_gapless_sequences_in_commit_order()
    {
        var id = $"log-{Guid.NewGuid():N}";

        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
                await InstanceEventLog.AppendAsync(Factory, [Row(id, $"w{writer}-{i}")], CancellationToken.None);
        })));

        var rows = await ReadAsync(id);
        Assert.Equal(Enumerable.Range(1, 80).Select(i => (long)i), rows.Select(r => r.Sequence));
        // Each writer's rows keep its own order: a later append never gets an earlier sequence.
        foreach (var writer in Enumerable.Range(0, 8))
            Assert.Equal(Enumerable.Range(0, 10).Select(i => $"w{writer}-{i}"), rows.Where(r => r.Step!.StartsWith($"w{writer}-", StringComparison.Ordinal)).Select(r => r.Step));
        // Insertion order (the relay's) agrees with each instance's sequence.
        Assert.Equal(rows.OrderBy(r => r.Id).Select(r => r.Sequence), rows.Select(r => r.Sequence));
    }

    [Fact]
    public async Task Each_instance_counts_its_own_sequence_and_one_append_numbers_its_rows_in_order()
    {
        var (a, b) = ($"log-{Guid.NewGuid():N}", $"log-{Guid.NewGuid():N}");

        await InstanceEventLog.AppendAsync(Factory, [Row(a, "a1"), Row(b, "b1"), Row(a, "a2")], CancellationToken.None);
        await InstanceEventLog.AppendAsync(Factory, [Row(b, "b2")], CancellationToken.None);

        Assert.Equal([(1L, "a1"), (2L, "a2")], (await ReadAsync(a)).Select(r => (r.Sequence, r.Step!)));
        Assert.Equal([(1L, "b1"), (2L, "b2")], (await ReadAsync(b)).Select(r => (r.Sequence, r.Step!)));
    }

    private static InstanceEventRow Row(string instanceId, string step) => new()
    {
        InstanceId = instanceId,
        Type = "stepStarted",
        Step = step,
        Timestamp = DateTimeOffset.UtcNow,
    };

    private async Task<List<InstanceEventRow>> ReadAsync(string id)
    {
        await using var db = await Factory.CreateDbContextAsync();
        return await db.InstanceEvents.AsNoTracking().Where(e => e.InstanceId == id).OrderBy(e => e.Sequence).ToListAsync();
    }
}
