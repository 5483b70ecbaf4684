using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Workflows.Contracts;
using Workflows.Hosting;
using Workflows.Storage;
using Workflows.Testing;

namespace Workflows.Orchestrator.Tests.StateMachines;

/// <summary>
/// The Orchestrator part in this process, as <c>AddWorkflows().AddOrchestrator()</c> composes it, on its own PostgreSQL
/// database and RabbitMQ vhost, with doubles on the Executors' and the Scheduler's queues and a subscriber to the
/// lifecycle events. Tests drive it with the messages the other services would send.
/// </summary>
public sealed class OrchestratorFixture : IAsyncLifetime
{
    /// <summary>How long a dispatched run may stay silent before a <see cref="RedispatchInstance"/> counts.</summary>
    public static readonly TimeSpan RunDeadline = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly IsolatedInfrastructure _infrastructure = new();
    private IHost? _host;

    public ReceivedMessages Received => Services.GetRequiredService<ReceivedMessages>();

    private IServiceProvider Services => _host!.Services;

    public async Task InitializeAsync()
    {
        await _infrastructure.InitializeAsync();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(_infrastructure.Settings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orchestrator:RunDeadline"] = RunDeadline.ToString(),
            // The tests send RedispatchInstance themselves; a reconciler pass would dispatch their instances behind their backs.
            ["Orchestrator:ReconcileInterval"] = "01:00:00",
            // The outbox relay never polls: every lifecycle event a test waits for is announced by its commit (LISTEN/NOTIFY).
            ["Orchestrator:OutboxBackstopInterval"] = "01:00:00",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddWorkflows().AddOrchestrator().ConfigureBus(x =>
        {
            x.AddConsumer<ExecutorDouble>().Endpoint(e => e.Name = QueueNames.ExecuteInstancePrompt);
            x.AddConsumer<BulkExecutorDouble>().Endpoint(e => e.Name = QueueNames.ExecuteInstance);
            x.AddConsumer<SchedulerDouble>().Endpoint(e => e.Name = QueueNames.Scheduler);
            x.AddConsumer<LifecycleRecorder>().Endpoint(e => e.Name = "lifecycle-recorder");
            x.AddRequestClient<CreateInstances>(QueueNames.Address(QueueNames.CreateInstances));
            x.AddRequestClient<PauseInstance>(QueueNames.Address(QueueNames.WorkflowInstancePrompt));
            x.AddRequestClient<ResumeInstance>(QueueNames.Address(QueueNames.WorkflowInstancePrompt));
            x.AddRequestClient<TerminateInstance>(QueueNames.Address(QueueNames.WorkflowInstancePrompt));
            x.AddRequestClient<RestartInstance>(QueueNames.Address(QueueNames.WorkflowInstancePrompt));
        });
        builder.Services.AddSingleton<ReceivedMessages>();
        // Until the bus has started, the recorder's queue is not bound yet and the first lifecycle events go nowhere.
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }
        await _infrastructure.DisposeAsync();
    }

    /// <summary>Creates an instance as the Api does and returns its id once its first run has been dispatched.</summary>
    public async Task<string> CreateAsync(string workflow = "test-workflow", string? paramsJson = null)
    {
        var id = $"sm-{Guid.NewGuid():N}";
        await RequestCreateAsync(new CreateInstances([new NewInstance(workflow, id, paramsJson)]));
        await Received.WaitForAsync<ExecuteInstance>(m => m.InstanceId == id);
        return id;
    }

    /// <summary>Sends a CreateInstances as the Api does and asserts it was accepted.</summary>
    public async Task RequestCreateAsync(CreateInstances request)
    {
        var client = Services.GetRequiredService<IRequestClient<CreateInstances>>();
        var response = await client.GetResponse<InstancesCreated, InstancesRejected>(request);
        Assert.True(response.Is(out Response<InstancesCreated>? _), "the creation was rejected");
    }

    /// <summary>Sends <paramref name="message"/> to the saga's queue of outcomes, as an Executor or the Events service does.</summary>
    public Task SendAsync<T>(T message) where T : class => SendAsync(message, QueueNames.WorkflowInstance);

    /// <summary>Sends <paramref name="message"/> to the saga's prompt queue, as the Scheduler (a wake-up) or the reconciler does.</summary>
    public Task SendPromptAsync<T>(T message) where T : class => SendAsync(message, QueueNames.WorkflowInstancePrompt);

    private async Task SendAsync<T>(T message, string queue) where T : class
    {
        var endpoint = await Services.GetRequiredService<IBus>().GetSendEndpoint(QueueNames.Address(queue));
        await endpoint.Send(message);
    }

    /// <summary>A lifecycle command as the Api sends it; the reply is an <see cref="InstanceCommandAccepted"/> or an <see cref="InstanceCommandRejected"/>.</summary>
    public async Task<object> CommandAsync<T>(T command) where T : class
    {
        var response = await Services.GetRequiredService<IRequestClient<T>>().GetResponse<InstanceCommandAccepted, InstanceCommandRejected>(command);
        return response.Message;
    }

    public async Task<WorkflowInstance> ReadAsync(string id)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<WorkflowsDbContext>>().CreateDbContextAsync();
        return await db.Instances.AsNoTracking().SingleAsync(x => x.InstanceId == id);
    }

    /// <summary>Reads the instance until <paramref name="done"/> holds; fails with the last row read when patience runs out.</summary>
    public async Task<WorkflowInstance> WaitForAsync(string id, Func<WorkflowInstance, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var row = await ReadAsync(id);
            if (done(row)) return row;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"instance {id} did not get there within {Patience.TotalSeconds} s: state={row.CurrentState} generation={row.Generation} dispatch={row.Dispatch} wakeAt={row.WakeAt:O}");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits for the instance to be in <paramref name="state"/> (a saga state name such as <c>Waiting</c>).</summary>
    public Task<WorkflowInstance> WaitForStateAsync(string id, string state) => WaitForAsync(id, r => r.CurrentState == state);
}
