using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Workflows.Runtime;
using Microsoft.Extensions.Time.Testing;
using Workflows.Sdk;
using Workflows.Storage;

namespace Workflows.Executor.Tests;

/// <summary>The catalog of workflows the Api lists and accepts instances for, as an Executor records it.</summary>
public sealed class WorkflowCatalogPublisherTests(ExecutorFixture executor) : IClassFixture<ExecutorFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_workflows_an_executor_runs_are_recorded_once_it_has_started()
    {
        var rows = await RecordedAsync();

        Assert.Equal(["farewell", "greeting"], rows.Select(r => r.Name).Order());
    }

    [Fact]
    public async Task Recording_again_moves_when_each_workflow_was_last_seen_and_leaves_other_executors_workflows_alone()
    {
        var firstSeen = (await RecordedAsync()).ToDictionary(r => r.Name, r => r.FirstSeenAt);
        var retired = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
        await using (var db = await executor.DbContextFactory.CreateDbContextAsync())
        {
            db.WorkflowDefinitions.Add(new WorkflowDefinitionRow { Name = $"retired-{Guid.NewGuid():N}"[..20], FirstSeenAt = retired, LastSeenAt = retired });
            await db.SaveChangesAsync();
        }
        var time = new FakeTimeProvider(new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var publisher = new WorkflowCatalogPublisher(executor.Registry, Options.Create(new WorkflowRuntimeOptions()), executor.DbContextFactory, executor.Schema, time, NullLogger<WorkflowCatalogPublisher>.Instance);

        await publisher.PublishAsync(CancellationToken.None);

        await using var read = await executor.DbContextFactory.CreateDbContextAsync();
        var rows = await read.WorkflowDefinitions.AsNoTracking().ToListAsync();
        Assert.All(rows.Where(r => firstSeen.ContainsKey(r.Name)), r =>
        {
            Assert.Equal(firstSeen[r.Name], r.FirstSeenAt);
            Assert.Equal(time.GetUtcNow(), r.LastSeenAt);
        });
        var other = Assert.Single(rows, r => !firstSeen.ContainsKey(r.Name));
        Assert.Equal(retired, other.LastSeenAt);
    }

    [Fact]
    public async Task Each_workflows_diagram_is_recorded_and_replaced_when_the_code_has_changed()
    {
        var recorded = await RecordedAsync();
        await using (var db = await executor.DbContextFactory.CreateDbContextAsync())
        {
            await db.WorkflowDefinitions.Where(w => w.Name == "greeting")
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.Diagram, "{\"class\":\"an older build\",\"nodes\":[]}"));
        }
        var publisher = new WorkflowCatalogPublisher(executor.Registry, Options.Create(new WorkflowRuntimeOptions()), executor.DbContextFactory, executor.Schema, TimeProvider.System, NullLogger<WorkflowCatalogPublisher>.Instance);

        await publisher.PublishAsync(CancellationToken.None);

        await using var read = await executor.DbContextFactory.CreateDbContextAsync();
        var greeting = await read.WorkflowDefinitions.AsNoTracking().SingleAsync(w => w.Name == "greeting");
        var expected = WorkflowDiagramAttribute.Find(typeof(GreetingWorkflow));
        Assert.NotNull(expected);
        Assert.Contains("\"name\":\"greet\"", expected, StringComparison.Ordinal);
        Assert.Equal(expected, greeting.Diagram);
        Assert.All(recorded, r => Assert.NotNull(r.Diagram));
    }

    /// <summary>The two workflows of the fixture's Executor, once its publisher has recorded them.</summary>
    private async Task<List<WorkflowDefinitionRow>> RecordedAsync()
    {
        string[] names = ["greeting", "farewell"];
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            await using var db = await executor.DbContextFactory.CreateDbContextAsync();
            var rows = await db.WorkflowDefinitions.AsNoTracking().Where(w => names.Contains(w.Name)).ToListAsync();
            if (rows.Count == names.Length) return rows;
            if (DateTime.UtcNow > deadline) Assert.Fail($"the Executor recorded {rows.Count} of its {names.Length} workflows within {Patience.TotalSeconds} s");
            await Task.Delay(100);
        }
    }
}
