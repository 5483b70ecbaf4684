using MassTransit;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Workflows.Orchestrator.Sagas;
using Workflows.Runtime;
using Workflows.Hosting;
using Workflows.Testing;
using Workflows.Storage;

namespace Workflows.Orchestrator.Tests.Sagas;

public sealed class EntityFrameworkSagaRepositoryTests(IsolatedInfrastructure infra) : IClassFixture<IsolatedInfrastructure>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_saga_created_by_an_event_is_inserted_and_found_by_load_and_query()
    {
        using var host = await StartHostAsync(new SagaProbeSettings(ConcurrentMessageLimit: 4, Partitioned: true));
        var id = NewId();

        await host.Services.GetRequiredService<IBus>().Publish(new SagaProbeCreated(id));

        var row = await EventuallyAsync(() => ReadAsync(host, id), r => r is not null);
        Assert.Equal(nameof(SagaProbeStateMachine.Queued), row!.CurrentState);
        Assert.Equal("saga-probe", row.Workflow);
        Assert.Equal(InstanceIds.Correlation(id), row.CorrelationId);
        Assert.Equal(0, row.Generation);

        var loaded = await host.Services.GetRequiredService<ILoadSagaRepository<WorkflowInstance>>().Load(row.CorrelationId);
        Assert.Equal(id, loaded.InstanceId);
        var found = await host.Services.GetRequiredService<IQuerySagaRepository<WorkflowInstance>>()
            .Find(new SagaQuery<WorkflowInstance>(x => x.InstanceId == id));
        Assert.Equal([row.CorrelationId], found);

        await host.StopAsync();
    }

    [Fact]
    public async Task A_saga_registered_after_SetEntityFrameworkSagaRepositoryProvider_is_kept_in_postgres()
    {
        using var host = await StartHostAsync(new SagaProbeSettings(ConcurrentMessageLimit: 4, Partitioned: true), byProvider: true);

        var id = await CreateAsync(host);

        Assert.Equal(nameof(SagaProbeStateMachine.Queued), (await ReadAsync(host, id))!.CurrentState);
        await host.StopAsync();
    }

    [Fact]
    public async Task Two_hundred_concurrent_messages_to_one_instance_all_apply_when_only_the_row_lock_orders_them()
    {
        using var host = await StartHostAsync(new SagaProbeSettings(ConcurrentMessageLimit: 16, Partitioned: false));
        var id = await CreateAsync(host);

        var bus = host.Services.GetRequiredService<IBus>();
        await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => bus.Publish(new SagaProbeBumped(id))));

        var row = await EventuallyAsync(() => ReadAsync(host, id), r => r!.Generation >= 200);
        Assert.Equal(200, row!.Generation);

        await host.StopAsync();
    }

    [Fact]
    public async Task Two_hosts_sharing_one_queue_lose_no_update()
    {
        var settings = new SagaProbeSettings(ConcurrentMessageLimit: 8, Partitioned: true);
        using var first = await StartHostAsync(settings);
        using var second = await StartHostAsync(settings);
        var counters = new[] { new BumpCounter(), new BumpCounter() };
        first.Services.GetRequiredService<IBus>().ConnectConsumeMessageObserver(counters[0]);
        second.Services.GetRequiredService<IBus>().ConnectConsumeMessageObserver(counters[1]);
        var id = await CreateAsync(first);

        var bus = first.Services.GetRequiredService<IBus>();
        await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => bus.Publish(new SagaProbeBumped(id))));

        var row = await EventuallyAsync(() => ReadAsync(first, id), r => r!.Generation >= 200);
        Assert.Equal(200, row!.Generation);
        Assert.All(counters, c => Assert.True(c.Count > 0, "each host should have handled some of the bumps"));

        await second.StopAsync();
        await first.StopAsync();
    }

    [Fact]
    public async Task Two_concurrent_creates_of_one_instance_make_exactly_one_row_and_the_loser_is_retried_onto_it()
    {
        // Unpartitioned, so both creates miss the row, run the state machine side by side and race to insert.
        using var host = await StartHostAsync(new SagaProbeSettings(ConcurrentMessageLimit: 4, Partitioned: false));
        var id = NewId();

        var bus = host.Services.GetRequiredService<IBus>();
        await Task.WhenAll(bus.Publish(new SagaProbeCreated(id, DelayMilliseconds: 500)), bus.Publish(new SagaProbeCreated(id, DelayMilliseconds: 500)));

        var row = await EventuallyAsync(() => ReadAsync(host, id), r => r?.ErrorName == SagaProbeStateMachine.DuplicateCreate);
        Assert.Equal(nameof(SagaProbeStateMachine.Queued), row!.CurrentState);
        Assert.NotEqual("retry attempt 0", row.ErrorMessage);
        await using var db = await Factory(host).CreateDbContextAsync();
        Assert.Equal(1, await db.Instances.CountAsync(x => x.InstanceId == id));

        await host.StopAsync();
    }

    [Fact]
    public async Task With_InsertOnInitial_the_create_that_loses_the_insert_race_loads_the_winners_row_without_a_retry()
    {
        using var host = await StartHostAsync(new SagaProbeSettings(ConcurrentMessageLimit: 4, Partitioned: false, InsertOnInitial: true));
        var id = NewId();

        var bus = host.Services.GetRequiredService<IBus>();
        await Task.WhenAll(bus.Publish(new SagaProbeCreated(id, DelayMilliseconds: 500)), bus.Publish(new SagaProbeCreated(id, DelayMilliseconds: 500)));

        // The loser's insert waits for the winner's commit, gets 23505 inside a savepoint, and carries on with the winner's row.
        var row = await EventuallyAsync(() => ReadAsync(host, id), r => r?.ErrorName == SagaProbeStateMachine.DuplicateCreate);
        Assert.Equal(nameof(SagaProbeStateMachine.Queued), row!.CurrentState);
        Assert.Equal("retry attempt 0", row.ErrorMessage);

        await host.StopAsync();
    }

    [Fact]
    public async Task A_message_for_a_missing_instance_faults_as_OnMissingInstance_says_and_creates_no_row()
    {
        using var host = await StartHostAsync(new SagaProbeSettings(ConcurrentMessageLimit: 4, Partitioned: true));
        var id = NewId();

        await host.Services.GetRequiredService<IBus>().Publish(new SagaProbeBumped(id));

        var fault = await host.Services.GetRequiredService<BumpFaults>().First.WaitAsync(Patience);
        Assert.Equal(id, fault.Message.InstanceId);
        Assert.Null(await ReadAsync(host, id));

        await host.StopAsync();
    }

    [Fact]
    public async Task A_finalized_saga_is_deleted()
    {
        using var host = await StartHostAsync(new SagaProbeSettings(ConcurrentMessageLimit: 4, Partitioned: true));
        var id = await CreateAsync(host);

        await host.Services.GetRequiredService<IBus>().Publish(new SagaProbeFinished(id));

        await EventuallyAsync(() => ReadAsync(host, id), r => r is null);

        await host.StopAsync();
    }

    private async Task<IHost> StartHostAsync(SagaProbeSettings settings, bool byProvider = false)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(infra.Settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddWorkflows().AddStorage().ConfigureBus(x =>
        {
            if (byProvider)
            {
                x.SetEntityFrameworkSagaRepositoryProvider<WorkflowsDbContext>();
                x.AddSagaStateMachine<SagaProbeStateMachine, WorkflowInstance, SagaProbeDefinition>();
            }
            else
            {
                x.AddSagaStateMachine<SagaProbeStateMachine, WorkflowInstance, SagaProbeDefinition>()
                    .EntityFrameworkRepository<WorkflowInstance, WorkflowsDbContext>();
            }
            x.AddConsumer<BumpFaultConsumer>();
        });
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<BumpFaults>();
        // Until the bus has started, the probe queue is not bound yet and a test's first publish goes nowhere.
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<string> CreateAsync(IHost host)
    {
        var id = NewId();
        await host.Services.GetRequiredService<IBus>().Publish(new SagaProbeCreated(id));
        await EventuallyAsync(() => ReadAsync(host, id), r => r is not null);
        return id;
    }

    private static string NewId() => $"saga-{Guid.NewGuid():N}";

    private static IDbContextFactory<WorkflowsDbContext> Factory(IHost host) =>
        host.Services.GetRequiredService<IDbContextFactory<WorkflowsDbContext>>();

    private static async Task<WorkflowInstance?> ReadAsync(IHost host, string id)
    {
        await using var db = await Factory(host).CreateDbContextAsync();
        return await db.Instances.AsNoTracking().SingleOrDefaultAsync(x => x.InstanceId == id);
    }

    /// <summary>Reads until <paramref name="done"/> holds; fails with the last value read when patience runs out.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) Assert.Fail($"condition not met within {Patience.TotalSeconds} s; last value: {Describe(value)}");
            await Task.Delay(50);
        }
    }

    private static string Describe(object? value) => value is WorkflowInstance i
        ? $"{i.InstanceId} state={i.CurrentState} generation={i.Generation} error={i.ErrorName}"
        : value?.ToString() ?? "null";
}
