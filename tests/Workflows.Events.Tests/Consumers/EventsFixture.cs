using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Workflows.Contracts;
using Workflows.Hosting;
using Workflows.Runtime;
using Workflows.Storage;
using Workflows.Testing;

namespace Workflows.Events.Tests.Consumers;

/// <summary>
/// The Events part in this process, as <c>AddWorkflows().AddEvents()</c> composes it, on its own PostgreSQL database and
/// RabbitMQ vhost, with a subscriber to <see cref="EventAvailable"/>. Tests put instances in the state the Orchestrator
/// would have left them and send events as the Api does.
/// </summary>
public sealed class EventsFixture : IAsyncLifetime
{
    /// <summary>A small payload limit, so a test can cross it.</summary>
    public const int MaxEventPayloadBytes = 1024;

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
            [$"{WorkflowRuntimeOptions.Section}:{nameof(WorkflowRuntimeOptions.MaxEventPayloadBytes)}"] = MaxEventPayloadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddWorkflows().AddEvents().ConfigureBus(x =>
        {
            x.AddConsumer<EventAvailableRecorder>().Endpoint(e => e.Name = "event-available-recorder");
            x.AddRequestClient<SendEvent>(QueueNames.Address(QueueNames.SendEvent));
        });
        builder.Services.AddSingleton<ReceivedMessages>();
        // Until the bus has started, the recorder's queue is not bound yet and the first EventAvailable goes nowhere.
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

    /// <summary>Inserts an instance in <paramref name="state"/> (a saga state name), as the Orchestrator would have left it.</summary>
    public async Task<string> InsertInstanceAsync(string state)
    {
        var id = $"ev-{Guid.NewGuid():N}";
        await using var db = await CreateDbContextAsync();
        db.Instances.Add(new WorkflowInstance
        {
            CorrelationId = InstanceIds.Correlation(id),
            InstanceId = id,
            Workflow = "approval",
            CurrentState = state,
            Generation = 1,
            CreatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
        return id;
    }

    /// <summary>Moves an instance to <paramref name="state"/>, as the Orchestrator does when it finishes.</summary>
    public async Task SetStateAsync(string id, string state)
    {
        await using var db = await CreateDbContextAsync();
        await db.Instances.Where(i => i.InstanceId == id).ExecuteUpdateAsync(s => s.SetProperty(i => i.CurrentState, state));
    }

    /// <summary>Sends an event as the Api does; the reply is an <see cref="EventAccepted"/> or an <see cref="EventRejected"/>.</summary>
    public async Task<object> SendAsync(string instanceId, string eventId, string type, string? payloadJson)
    {
        var client = Services.GetRequiredService<IRequestClient<SendEvent>>();
        var response = await client.GetResponse<EventAccepted, EventRejected>(new SendEvent(instanceId, eventId, type, payloadJson, DateTimeOffset.UtcNow));
        return response.Message;
    }

    /// <summary>The instance's inbox in arrival order.</summary>
    public async Task<List<EventRow>> InboxAsync(string id)
    {
        await using var db = await CreateDbContextAsync();
        return await db.Events.AsNoTracking().Where(e => e.InstanceId == id).OrderBy(e => e.Sequence).ToListAsync();
    }

    private Task<WorkflowsDbContext> CreateDbContextAsync() =>
        Services.GetRequiredService<IDbContextFactory<WorkflowsDbContext>>().CreateDbContextAsync();
}
